using NotebookNet.Inspection;

namespace NotebookNet.Visualization;

/// <summary>
/// Where gradient arrives, drawn on the image: the image dimmed to 35 % and, in white, the input locations whose
/// window receives gradient (<see cref="GradientCoverage.Mask"/>).
/// </summary>
/// <example><code>string html = CoverageOverlay.ToHtml(GradientCoverage.Of(model, x, y), x);</code></example>
public static class CoverageOverlay
{
    /// <summary>max(0.35·image, mask) at every pixel, as <c>[H, W, 1]</c>.</summary>
    /// <exception cref="ArgumentException">The image is not the mask's size.</exception>
    public static Tensor ToTensor(GradientCoverage coverage, Tensor image)
    {
        ArgumentNullException.ThrowIfNull(coverage);
        ArgumentNullException.ThrowIfNull(image);
        int h = coverage.Mask.Shape[0], w = coverage.Mask.Shape[1];
        if (image.Length != h * w)
            throw new ArgumentException($"CoverageOverlay: the mask is {h}×{w} but the image is {image.ShapeString}.", nameof(image));
        var overlay = new Tensor(h, w, 1);
        for (int i = 0; i < overlay.Length; i++) overlay.Data[i] = Math.Max(0.35f * image.Data[i], coverage.Mask.Data[i]);
        return overlay;
    }

    /// <summary>The overlay as a figure, captioned with how many of the image's locations receive gradient.</summary>
    public static string ToHtml(GradientCoverage coverage, Tensor image, int scale = 8)
    {
        var overlay = ToTensor(coverage, image);
        return TensorImage.GrayscaleHtml(overlay, scale,
            $"white: where filter {coverage.Filter} gets gradient ({coverage.MaskLocations} of {coverage.Mask.Length} locations)");
    }
}
