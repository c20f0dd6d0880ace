namespace NotebookNet.Visualization;

/// <summary>
/// Images of a batch <c>[N, H, W, 1]</c> (values in [0, 1]) in a row that wraps, each with a caption: its label
/// when labels are given, else its index.
/// </summary>
/// <example><code>string html = ImageStrip.ToHtml(mnist.Test.Images, mnist.Test.Labels, count: 10);</code></example>
public static class ImageStrip
{
    /// <summary>The first <paramref name="count"/> images, upscaled by <paramref name="scale"/>.</summary>
    /// <exception cref="ArgumentException">The batch is not <c>[N, H, W, 1]</c>, or there are fewer labels than images shown.</exception>
    public static string ToHtml(Tensor images, int[]? labels = null, int count = 10, int scale = 3)
    {
        ArgumentNullException.ThrowIfNull(images);
        if (images.Rank != 4 || images.Shape[3] != 1)
            throw new ArgumentException($"Show.Images expects a batch of grayscale images [N, H, W, 1]; received {images.ShapeString}.", nameof(images));
        if (count < 1) throw new ArgumentOutOfRangeException(nameof(count), count, $"Show.Images: received count={count}; it must be at least 1.");
        int n = Math.Min(count, images.Shape[0]);
        if (labels is not null && labels.Length < n)
            throw new ArgumentException($"Show.Images: {n} images shown but only {labels.Length} labels given.", nameof(labels));
        int h = images.Shape[1], w = images.Shape[2];
        var tiles = Enumerable.Range(0, n).Select(i =>
            TensorImage.GrayscaleHtml(images.Slice(i, 1).Reshape(h, w), scale, labels is null ? $"#{i}" : $"{labels[i]}"));
        return $"<div style=\"display:flex;flex-wrap:wrap;gap:4px\">{string.Concat(tiles)}</div>";
    }
}
