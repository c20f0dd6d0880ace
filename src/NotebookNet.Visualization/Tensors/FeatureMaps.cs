using System.Globalization;
using NotebookNet.Visualization.Internal;
using static NotebookNet.Visualization.Internal.Format;

namespace NotebookNet.Visualization;

/// <summary>
/// The feature maps of one layer for one input: every channel of an <c>[H, W, C]</c> activation as a labelled
/// tile, all on one colour scale so that strong and weak channels can be compared. Non-negative activations
/// (after ReLU or pooling) are grayscale from 0 (black) to the largest activation (white); activations with
/// negative values use the diverging map with symmetric limits.
/// </summary>
/// <example><code>
/// var maps = model.Activations(x.Slice(0, 1))[0];           // conv2d output, [1, 26, 26, 32]
/// string html = FeatureMaps.ToHtml(maps, "conv2d", input: x.Slice(0, 1));
/// </code></example>
public static class FeatureMaps
{
    private const int WrapColumns = 8;

    /// <summary>The tiles alone as one image, channel c at row c / 8, column c % 8.</summary>
    /// <param name="activations">Shape [H, W, C] or [1, H, W, C].</param>
    /// <param name="scale">Pixels per value; null picks about 72 pixels per tile.</param>
    public static RgbImage ToImage(Tensor activations, int? scale = null) => Draw(activations, scale).Mosaic.Image;

    /// <summary>A standalone SVG: optionally the input, then every channel labelled, and the colour scale.</summary>
    public static string ToSvg(Tensor activations, string? layerName = null, Tensor? input = null, int? scale = null)
    {
        var g = Draw(activations, scale);
        var m = g.Mosaic;
        const double labelBelow = 16, pad = 8;
        int rowPitch = TileMosaic.Pitch(m.TileHeight);
        RgbImage? inputImage = input is null ? null : TensorImage.Grayscale(input, TileMosaic.AutoScale(Math.Max(Plane.Of(input, "FeatureMaps input").Height, 1), m.TileHeight));
        double inputWidth = inputImage is null ? 0 : inputImage.Width + 28;
        double left = pad + inputWidth;
        double gridHeight = m.Rows * (rowPitch + labelBelow);
        double scaleX = left + m.Image.Width + 12;
        double barHeight = Math.Clamp(gridHeight - 30, 80, 260);
        var svg = new SvgWriter(scaleX + 90, Math.Max(pad + gridHeight + 4, barHeight + 30), $"Feature maps of {layerName ?? "a layer"}");
        if (inputImage is not null)
        {
            svg.Image(pad, pad + 2, inputImage.Width, inputImage.Height, inputImage, pixelated: true)
               .Rect(pad, pad + 2, inputImage.Width, inputImage.Height, "none", "#b0b0b0")
               .Text(pad + inputImage.Width / 2.0, pad + inputImage.Height + 16, "input", "middle", 11, Palette.Ink.Hex, "600")
               .Text(pad + inputImage.Width + 14, pad + inputImage.Height / 2.0 + 2, "→", "middle", 16, Palette.MutedInk.Hex, baseline: "middle");
        }
        for (int r = 0; r < m.Rows; r++)
        {
            var strip = FilterGrid.Crop(m.Image, 0, r * rowPitch, m.Image.Width, rowPitch);
            double y = pad + r * (rowPitch + labelBelow);
            svg.Image(left, y, strip.Width, strip.Height, strip, pixelated: true);
            for (int c = 0; c < m.Columns && r * m.Columns + c < g.Channels; c++)
            {
                var (cx, _) = m.Centre(0, c);
                svg.Text(left + cx, y + rowPitch + 10, "ch " + (r * m.Columns + c).ToString(CultureInfo.InvariantCulture), "middle", 11, Palette.MutedInk.Hex);
            }
        }
        svg.Raw($"<g transform=\"translate({Coord(scaleX)} {Coord(pad)})\">")
           .Raw(FilterGrid.StripRoot(ColorScale.Svg(g.Map, g.Min, g.Max, barHeight, "activation")))
           .Raw("</g>");
        return svg.ToString();
    }

    /// <summary>HTML figure: title with the shape, the <see cref="ToSvg"/> grid and a note on the scale.</summary>
    public static string ToHtml(Tensor activations, string? layerName = null, Tensor? input = null, int? scale = null)
    {
        var g = Draw(activations, scale);
        string svg = ToSvg(activations, layerName, input, scale);
        string title = $"{(layerName is null ? "Feature maps" : $"Feature maps of {Escape(layerName)}")} " +
                       $"<span style=\"font-weight:400;color:{Palette.MutedInk.Hex}\">· {g.Channels} channels of {g.Height}×{g.Width}</span>";
        string note = g.Map == ColorMap.Grayscale
            ? $"One scale for all channels: black 0, white {Value(g.Max)} (the largest activation)."
            : $"One scale for all channels: blue negative, white zero, red positive (±{Value(g.Max)}).";
        return $"<div class=\"nn-feature-maps\" style=\"{Html.Card()}\">{Html.Title(title)}{svg}{Html.Note(note)}</div>";
    }

    private sealed record Maps(TileMosaic Mosaic, int Channels, int Height, int Width, ColorMap Map, float Min, float Max);

    private static Maps Draw(Tensor activations, int? scale)
    {
        ArgumentNullException.ThrowIfNull(activations);
        int[] s = activations.Shape;
        bool ok = s.Length == 3 || (s.Length == 4 && s[0] == 1);
        if (!ok)
            throw new ArgumentException(
                $"FeatureMaps expects the activations of one input, shape [H, W, C] or [1, H, W, C]; received {activations.ShapeString}. " +
                "Take one sample first, e.g. activations.Slice(0, 1).", nameof(activations));
        int h = s[^3], w = s[^2], channels = s[^1];
        int sc = scale ?? TileMosaic.AutoScale(Math.Max(h, w), 72);
        TensorImage.CheckScale(sc);
        var (min, max) = Plane.Range(activations.Data);
        ColorMap map;
        if (min >= 0)
        {
            map = ColorMap.Grayscale;
            min = 0;
            if (max <= 0) max = 1;
        }
        else
        {
            map = ColorMap.Diverging;
            max = Plane.SymmetricLimit(activations.Data);
            min = -max;
        }
        int columns = Math.Min(channels, WrapColumns);
        var mosaic = new TileMosaic((channels + columns - 1) / columns, columns, w * sc, h * sc);
        float[] d = activations.Data;
        for (int ch = 0; ch < channels; ch++)
        {
            int channel = ch;
            mosaic.Paint(ch / columns, ch % columns, h, w, sc, (i, j) => map.At(d[(i * w + j) * channels + channel], min, max));
        }
        return new Maps(mosaic, channels, h, w, map, min, max);
    }
}
