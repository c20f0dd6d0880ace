using static NotebookNet.Visualization.Internal.Format;

namespace NotebookNet.Visualization;

/// <summary>Grayscale images (values in [0, 1]) in a grid of <c>columns</c> per row, each with its own caption, e.g.
/// "7 → 7 (99 %)" under a class dream.</summary>
/// <example><code>string html = ImageGrid.ToHtml(images, ["0 → 0", "1 → 7"], columns: 5);</code></example>
public static class ImageGrid
{
    /// <summary>The grid; there must be one caption per image.</summary>
    /// <exception cref="ArgumentException">No images, or another number of captions than images.</exception>
    public static string ToHtml(IReadOnlyList<Tensor> images, IReadOnlyList<string> captions, int columns, int scale = 4)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(captions);
        if (images.Count == 0) throw new ArgumentException("ImageGrid needs at least one image.", nameof(images));
        if (captions.Count != images.Count)
            throw new ArgumentException($"ImageGrid: {images.Count} images but {captions.Count} captions; give one caption per image.", nameof(captions));
        if (columns < 1) throw new ArgumentOutOfRangeException(nameof(columns), columns, $"ImageGrid: received columns={columns}; it must be at least 1.");
        TensorImage.CheckScale(scale);
        var cells = images.Select((image, i) =>
            "<figure style=\"margin:0;text-align:center\">" +
            Internal.Html.Img(TensorImage.Grayscale(image, scale), captions[i]) +
            $"<figcaption style=\"font-size:12px;margin-top:2px\">{Escape(captions[i])}</figcaption></figure>");
        return $"<div class=\"nn-image-grid\" style=\"{Internal.Html.Card()}\"><div style=\"display:grid;" +
            $"grid-template-columns:repeat({Math.Min(columns, images.Count)},max-content);gap:8px\">{string.Concat(cells)}</div></div>";
    }
}
