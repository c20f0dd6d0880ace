namespace NotebookNet.Interactive;

/// <summary>
/// Which NotebookNet types get which rendering in a notebook.
/// </summary>
internal static class NotebookNetFormatters
{
    private const string Html = "text/html";

    /// <summary>The types that have a formatter, for the load message.</summary>
    public static IReadOnlyList<string> TypeNames { get; } = [nameof(Tensor), nameof(Shape)];

    /// <summary>Registers every formatter. Formatter state is global to the process.</summary>
    public static void Register()
    {
        SafeFormatter.Register<Tensor>(Html, PlaceholderRenderers.TensorHtml);
        SafeFormatter.Register<Shape>(Html, PlaceholderRenderers.ShapeHtml);
    }
}
