namespace NotebookNet.Visualization;

/// <summary>
/// A rendered picture for a notebook: HTML (always) and, where the picture is one image, its PNG bytes, so a
/// front end without HTML (or a test) still gets an image/png. The kernel extension displays it; outside a
/// notebook, <see cref="Html"/> can be written to a file.
/// </summary>
/// <remarks>
/// A figure with a PNG is a <see cref="PngFigure"/>: the kernel chooses the mime types of a cell's result by the
/// value's type, not by its contents, so the type says whether there is an image/png to offer.
/// </remarks>
/// <param name="Html">Self-contained HTML (inline styles, images as data URIs).</param>
/// <param name="Png">The picture as PNG, when it is a single image; otherwise null.</param>
public record Figure(string Html, byte[]? Png = null)
{
    /// <summary>A figure that is one picture, with its PNG (a <see cref="PngFigure"/>).</summary>
    public static Figure WithPng(string html, byte[] png) => new PngFigure(html, png);

    /// <inheritdoc/>
    public sealed override string ToString() => Png is null ? "Figure (HTML)" : $"Figure (HTML, PNG {Png.Length:N0} bytes)";
}

/// <summary>A <see cref="Figure"/> that is one picture: its <see cref="Figure.Png"/> is never null.</summary>
public sealed record PngFigure : Figure
{
    /// <summary>Creates the figure.</summary>
    /// <exception cref="ArgumentException">When <paramref name="png"/> is empty.</exception>
    public PngFigure(string html, byte[] png) : base(html, png)
    {
        ArgumentNullException.ThrowIfNull(png);
        if (png.Length == 0) throw new ArgumentException("PngFigure needs PNG bytes; received an empty array.", nameof(png));
    }
}
