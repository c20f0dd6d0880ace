using NotebookNet.Visualization.Internal;
using static NotebookNet.Visualization.Internal.Format;

namespace NotebookNet.Visualization;

/// <summary>
/// Every filter of a convolution layer, every input channel, as a labelled grid of small pictures on one shared
/// diverging colour scale (blue negative, white zero, red positive). The kernel has Keras's layout
/// <c>[kernelHeight, kernelWidth, inputChannels, filters]</c>. With one input channel (the first layer on MNIST)
/// the filters wrap into rows; with several, each row is a filter and each column an input channel.
/// </summary>
/// <example><code>
/// var kernel = model.GetLayer("conv2d").Parameters[0].Value;    // [3, 3, 1, 32]
/// string html = FilterGrid.ToHtml(kernel, "conv2d");
/// </code></example>
public static class FilterGrid
{
    private const int WrapColumns = 8;

    /// <summary>The tiles alone as one image (no labels): filters and channels laid out as in <see cref="ToSvg"/>.</summary>
    /// <param name="kernel">Shape [kh, kw, inC, filters].</param>
    /// <param name="scale">Pixels per weight; null picks about 40 pixels per tile (24 with several input channels).</param>
    /// <param name="limit">Colour limit; null uses the largest |weight| of the whole kernel, so tiles compare.</param>
    public static RgbImage ToImage(Tensor kernel, int? scale = null, float? limit = null) => Draw(kernel, scale, limit).Mosaic.Image;

    /// <summary>A standalone SVG: the tiles, filter and channel numbers, axis titles and the colour scale.</summary>
    public static string ToSvg(Tensor kernel, string? layerName = null, int? scale = null, float? limit = null)
    {
        var g = Draw(kernel, scale, limit);
        var m = g.Mosaic;
        bool wrapped = g.InputChannels == 1;
        double left = wrapped ? 8 : 64, top = wrapped ? 8 : 44, labelBelow = wrapped ? 16 : 0;
        double mosaicW = m.Image.Width, mosaicH = m.Image.Height + labelBelow * m.Rows;
        double scaleX = left + mosaicW + 12;
        double barHeight = Math.Clamp(mosaicH - 20, 80, 260);
        var svg = new SvgWriter(scaleX + 90, Math.Max(top + mosaicH + 8, barHeight + 30), $"Filters of {layerName ?? "a convolution layer"}");
        if (wrapped)
        {
            // Leave a label strip under each row of tiles: draw the mosaic one row at a time.
            int rowPitch = TileMosaic.Pitch(m.TileHeight);
            for (int r = 0; r < m.Rows; r++)
            {
                var strip = Crop(m.Image, 0, r * rowPitch, m.Image.Width, rowPitch);
                double y = top + r * (rowPitch + labelBelow);
                svg.Image(left, y, strip.Width, strip.Height, strip, pixelated: true);
                for (int c = 0; c < m.Columns; c++)
                {
                    int f = r * m.Columns + c;
                    if (f >= g.Filters) break;
                    var (cx, _) = m.Centre(0, c);
                    svg.Text(left + cx, y + rowPitch + 10, f.ToString(System.Globalization.CultureInfo.InvariantCulture), "middle", 11, Palette.MutedInk.Hex);
                }
            }
        }
        else
        {
            svg.Image(left, top, m.Image.Width, m.Image.Height, m.Image, pixelated: true);
            svg.Text(left + mosaicW / 2, 14, "input channel →", "middle", 12, Palette.Ink.Hex, "600");
            for (int c = 0; c < m.Columns; c++)
            {
                var (cx, _) = m.Centre(0, c);
                svg.Text(left + cx, top - 6, c.ToString(System.Globalization.CultureInfo.InvariantCulture), "middle", 10, Palette.MutedInk.Hex);
            }
            svg.Text(left - 6, top - 6, "filter ↓", "end", 12, Palette.Ink.Hex, "600");
            for (int r = 0; r < m.Rows; r++)
            {
                var (_, cy) = m.Centre(r, 0);
                svg.Text(left - 6, top + cy, r.ToString(System.Globalization.CultureInfo.InvariantCulture), "end", 10, Palette.MutedInk.Hex, baseline: "middle");
            }
        }
        svg.Raw($"<g transform=\"translate({Coord(scaleX)} {Coord(top)})\">")
           .Raw(StripRoot(ColorScale.Svg(ColorMap.Diverging, -g.Limit, g.Limit, barHeight, "weight")))
           .Raw("</g>");
        return svg.ToString();
    }

    /// <summary>HTML figure: a title with the kernel shape, the <see cref="ToSvg"/> grid, and a note on the colours.</summary>
    public static string ToHtml(Tensor kernel, string? layerName = null, int? scale = null, float? limit = null)
    {
        string svg = ToSvg(kernel, layerName, scale, limit);
        var s = kernel.Shape;
        string title = $"{(layerName is null ? "Filters" : $"Filters of {Escape(layerName)}")} " +
                       $"<span style=\"font-weight:400;color:{Palette.MutedInk.Hex}\">· {s[3]} filters of {s[0]}×{s[1]}×{s[2]}</span>";
        float lim = TensorImage.ResolveLimit(kernel.Data, limit);
        return $"<div class=\"nn-filter-grid\" style=\"{Html.Card()}\">{Html.Title(title)}{svg}" +
               Html.Note($"One colour scale for all tiles: blue negative, white zero, red positive (±{Value(lim)}).") + "</div>";
    }

    private sealed record Grid(TileMosaic Mosaic, int Filters, int InputChannels, float Limit);

    private static Grid Draw(Tensor kernel, int? scale, float? limit)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        if (kernel.Rank != 4)
            throw new ArgumentException(
                $"FilterGrid expects a convolution kernel of shape [kernelHeight, kernelWidth, inputChannels, filters]; received {kernel.ShapeString}.", nameof(kernel));
        int kh = kernel.Shape[0], kw = kernel.Shape[1], inC = kernel.Shape[2], filters = kernel.Shape[3];
        int sc = scale ?? TileMosaic.AutoScale(Math.Max(kh, kw), inC == 1 ? 40 : 24);
        TensorImage.CheckScale(sc);
        float lim = TensorImage.ResolveLimit(kernel.Data, limit);
        bool wrapped = inC == 1;
        int columns = wrapped ? Math.Min(filters, WrapColumns) : inC;
        int rows = wrapped ? (filters + columns - 1) / columns : filters;
        var mosaic = new TileMosaic(rows, columns, kw * sc, kh * sc);
        float[] d = kernel.Data;
        for (int f = 0; f < filters; f++)
            for (int ch = 0; ch < inC; ch++)
            {
                int row = wrapped ? f / columns : f, col = wrapped ? f % columns : ch;
                int filter = f, channel = ch;
                // Weight (i, j) of input channel ch in filter f sits at ((i·kw + j)·inC + ch)·filters + f.
                mosaic.Paint(row, col, kh, kw, sc, (i, j) => ColorMap.Diverging.At(d[((i * kw + j) * inC + channel) * filters + filter], -lim, lim));
            }
        return new Grid(mosaic, filters, inC, lim);
    }

    internal static RgbImage Crop(RgbImage source, int x, int y, int w, int h)
    {
        var img = new RgbImage(w, h, Rgb.White);
        for (int yy = 0; yy < h; yy++)
            for (int xx = 0; xx < w; xx++)
                img[xx, yy] = source[x + xx, y + yy];
        return img;
    }

    /// <summary>The children of an SVG document's root, to nest one figure inside another.</summary>
    internal static string StripRoot(string svg)
    {
        int open = svg.IndexOf('>') + 1;
        // Skip the white background rect every SvgWriter starts with.
        const string background = "<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>";
        int start = svg.IndexOf(background, open, StringComparison.Ordinal) == open ? open + background.Length : open;
        return svg[start..svg.LastIndexOf("</svg>", StringComparison.Ordinal)];
    }
}
