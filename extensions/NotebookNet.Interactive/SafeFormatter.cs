using Microsoft.DotNet.Interactive.Formatting;
using NotebookNet.Visualization;

namespace NotebookNet.Interactive;

/// <summary>
/// Registers formatters whose exceptions become a short readable message in the cell output.
/// </summary>
/// <remarks>
/// An exception escaping a formatter surfaces in the notebook as a long kernel stack trace (or, for a display
/// update, is lost). A student should instead see which object could not be drawn and why.
/// </remarks>
internal static class SafeFormatter
{
    /// <summary>Registers <paramref name="render"/> for <typeparamref name="T"/> and the given mime type.</summary>
    public static void Register<T>(string mimeType, Func<T, string> render) =>
        Formatter.Register<T>((value, writer) => writer.Write(RenderOrExplain(value, mimeType, render)), mimeType);

    /// <summary>Runs <paramref name="render"/>; on failure returns a message naming the type and the error.</summary>
    public static string RenderOrExplain<T>(T value, string mimeType, Func<T, string> render)
    {
        try
        {
            return render(value);
        }
        catch (Exception e)
        {
            return InlineView.Error(typeof(T).Name, mimeType, e);
        }
    }
}
