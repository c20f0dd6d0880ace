using NotebookNet.Visualization.Internal;
using static NotebookNet.Visualization.Internal.Format;

namespace NotebookNet.Visualization;

/// <summary>
/// One 2-D tensor as a picture, upscaled with nearest neighbour so single values stay visible as crisp squares.
/// Inputs are grayscale (0 → black, 1 → white); weights use the diverging map with symmetric limits
/// (negative → blue, 0 → white, positive → red), so the colour of zero never depends on the data.
/// </summary>
/// <example><code>
/// byte[] png = TensorImage.Grayscale(xTrain.Slice(0, 1), scale: 8).ToPng();   // 224 × 224 pixels
/// string html = TensorImage.DivergingHtml(kernel3x3, scale: 32, caption: "filter 0");
/// </code></example>
public static class TensorImage
{
    /// <summary>
    /// Grayscale picture of an image tensor ([H, W], [H, W, 1], [1, H, W, 1] or a flat square [H·W]):
    /// <paramref name="min"/> (default 0) → black, <paramref name="max"/> (default 1) → white; values outside
    /// are clipped. Each value becomes a <paramref name="scale"/> × <paramref name="scale"/> block.
    /// </summary>
    public static RgbImage Grayscale(Tensor image, int scale = 8, float min = 0, float max = 1)
    {
        var (h, w) = Plane.Of(image, nameof(Grayscale));
        CheckScale(scale);
        CheckRange(min, max);
        var img = new RgbImage(w * scale, h * scale, Rgb.Black);
        float[] d = image.Data;
        Plane.Paint(img, 0, 0, h, w, scale, (r, c) => ColorMap.Grayscale.At(d[r * w + c], min, max));
        return img;
    }

    /// <summary>
    /// Diverging picture of a weight tensor (same shapes as <see cref="Grayscale"/>): −limit → dark blue,
    /// 0 → white, +limit → dark red. <paramref name="limit"/> defaults to the largest |value| (1 if all are 0).
    /// </summary>
    public static RgbImage Diverging(Tensor weights, int scale = 16, float? limit = null)
    {
        var (h, w) = Plane.Of(weights, nameof(Diverging));
        CheckScale(scale);
        float lim = ResolveLimit(weights.Data, limit);
        var img = new RgbImage(w * scale, h * scale, Rgb.White);
        float[] d = weights.Data;
        Plane.Paint(img, 0, 0, h, w, scale, (r, c) => ColorMap.Diverging.At(d[r * w + c], -lim, lim));
        return img;
    }

    /// <summary>HTML figure: the grayscale picture, a 0..1 colour scale and a caption with the shape.</summary>
    public static string GrayscaleHtml(Tensor image, int scale = 8, string? caption = null, float min = 0, float max = 1)
    {
        var img = Grayscale(image, scale, min, max);
        var (lo, hi) = Plane.Range(image.Data);
        string clipped = lo < min - 1e-6f || hi > max + 1e-6f
            ? $" · values span [{Value(lo)}, {Value(hi)}]; outside [{Value(min)}, {Value(max)}] clipped"
            : "";
        return Figure(img, ColorMap.Grayscale, min, max, caption, $"{image.ShapeString}{clipped}");
    }

    /// <summary>
    /// HTML figure: the diverging picture, a ±limit colour scale and a caption with the shape and limit.
    /// With <paramref name="showValues"/> each weight is also written in its square (for up to 12 × 12 weights
    /// drawn at least 24 pixels wide), e.g. to read a 3 × 3 filter as numbers and as colours at once.
    /// </summary>
    public static string DivergingHtml(Tensor weights, int scale = 16, float? limit = null, string? caption = null, bool showValues = false)
    {
        var img = Diverging(weights, scale, limit);
        float lim = ResolveLimit(weights.Data, limit);
        var (h, w) = Plane.Of(weights, nameof(DivergingHtml));
        string? picture = showValues && h * w <= 144 && scale >= 24 ? WithValues(img, weights.Data, h, w, scale, lim) : null;
        return Figure(img, ColorMap.Diverging, -lim, lim, caption, $"{weights.ShapeString} · colour limits ±{Value(lim)}", picture);
    }

    /// <summary>An SVG of the picture with each value printed in its square, in black or white for contrast.</summary>
    private static string WithValues(RgbImage img, float[] values, int h, int w, int scale, float limit)
    {
        var svg = new SvgWriter(img.Width, img.Height);
        svg.Image(0, 0, img.Width, img.Height, img, pixelated: true);
        svg.Rect(0.5, 0.5, img.Width - 1, img.Height - 1, "none", "#cccccc");
        double size = Math.Min(13, scale * 0.3);
        for (int r = 0; r < h; r++)
            for (int c = 0; c < w; c++)
            {
                float v = values[r * w + c];
                string text = Math.Abs(v) >= 100 ? v.ToString("0", System.Globalization.CultureInfo.InvariantCulture) : v.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture);
                svg.Text((c + 0.5) * scale, (r + 0.5) * scale, text, "middle", size,
                    ColorMap.Diverging.At(v, -limit, limit).ContrastingText.Hex, baseline: "central");
            }
        return svg.ToString();
    }

    internal static string Figure(RgbImage img, ColorMap map, double min, double max, string? caption, string details, string? picture = null)
    {
        string title = caption is null ? "" : $"<div style=\"font-weight:600;font-size:13px;margin-bottom:4px\">{Escape(caption)}</div>";
        double barHeight = Math.Clamp(img.Height - 16, 60, 240);
        return $"<div class=\"nn-tensor-image\" style=\"{Html.Card()}\">{title}" +
               "<div style=\"display:flex;align-items:center;gap:6px\">" +
               (picture ?? Html.Img(img, caption ?? "tensor image")) +
               ColorScale.Svg(map, min, max, barHeight) +
               "</div>" + Html.Note(Escape(details)) + "</div>";
    }

    internal static float ResolveLimit(ReadOnlySpan<float> values, float? limit)
    {
        if (limit is { } l)
        {
            if (!(l > 0) || !float.IsFinite(l))
                throw new ArgumentOutOfRangeException(nameof(limit), $"The colour limit must be a positive finite number; received {l}.");
            return l;
        }
        return Plane.SymmetricLimit(values);
    }

    internal static void CheckScale(int scale)
    {
        if (scale < 1 || scale > 256)
            throw new ArgumentOutOfRangeException(nameof(scale), $"The upscale factor must be between 1 and 256 pixels per value; received {scale}.");
    }

    private static void CheckRange(float min, float max)
    {
        if (!(max > min) || !float.IsFinite(min) || !float.IsFinite(max))
            throw new ArgumentException($"The grayscale range needs finite min < max; received min={min}, max={max}.");
    }
}
