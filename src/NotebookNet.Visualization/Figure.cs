namespace NotebookNet.Visualization;

/// <summary>
/// A rendered picture for a notebook: HTML (always) and, where the picture is one image, its PNG bytes, so a
/// front end without HTML (or a test) still gets an image/png. The kernel extension displays it; outside a
/// notebook, <see cref="Html"/> can be written to a file.
/// </summary>
/// <param name="Html">Self-contained HTML (inline styles, images as data URIs).</param>
/// <param name="Png">The picture as PNG, when it is a single image; otherwise null.</param>
public sealed record Figure(string Html, byte[]? Png = null)
{
    /// <inheritdoc/>
    public override string ToString() => Png is null ? "Figure (HTML)" : $"Figure (HTML, PNG {Png.Length:N0} bytes)";
}
