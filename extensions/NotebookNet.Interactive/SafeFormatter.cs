using System.Net;
using Microsoft.DotNet.Interactive.Formatting;

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
            return ErrorMessage(typeof(T).Name, mimeType, e);
        }
    }

    /// <summary>The message shown instead of a failed rendering, as HTML or plain text.</summary>
    public static string ErrorMessage(string typeName, string mimeType, Exception error)
    {
        string text = $"NotebookNet could not display this {typeName}: {error.GetType().Name}: {error.Message}";
        return mimeType == "text/html"
            ? $"<div class=\"notebooknet-error\" style=\"color:#b00020;font-family:monospace\">{WebUtility.HtmlEncode(text)}</div>"
            : text;
    }
}
