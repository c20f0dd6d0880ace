using System.Globalization;
using System.Net;
using System.Text;

namespace NotebookNet.Interactive;

/// <summary>
/// Minimal HTML for tensors and shapes until the renderers of NotebookNet.Visualization are wired in.
/// </summary>
internal static class PlaceholderRenderers
{
    private const int PreviewRows = 8;
    private const int PreviewColumns = 8;

    /// <summary>The shape as Keras prints it, e.g. <c>(28, 28, 1)</c>.</summary>
    public static string ShapeHtml(Shape shape) =>
        $"<code class=\"notebooknet-shape\">{WebUtility.HtmlEncode(shape.ToString())}</code>";

    /// <summary>The tensor's shape, value range and, for rank 1 or 2, a corner of its values.</summary>
    public static string TensorHtml(Tensor tensor)
    {
        var html = new StringBuilder("<div class=\"notebooknet-tensor\">");
        html.Append($"<div><b>Tensor</b> shape {WebUtility.HtmlEncode(tensor.ShapeString)}, {tensor.Length} values");
        if (tensor.Length > 0)
            html.Append($", min {Number(tensor.Data.Min())}, max {Number(tensor.Data.Max())}");
        html.Append("</div>");
        if (tensor.Rank is 1 or 2 && tensor.Length > 0)
            AppendPreview(html, tensor);
        return html.Append("</div>").ToString();
    }

    private static void AppendPreview(StringBuilder html, Tensor tensor)
    {
        int rows = tensor.Rank == 1 ? 1 : tensor.Shape[0];
        int columns = tensor.Shape[^1];
        html.Append("<table>");
        for (int r = 0; r < Math.Min(rows, PreviewRows); r++)
        {
            html.Append("<tr>");
            for (int c = 0; c < Math.Min(columns, PreviewColumns); c++)
                html.Append("<td>").Append(Number(tensor.Data[r * columns + c])).Append("</td>");
            if (columns > PreviewColumns) html.Append("<td>…</td>");
            html.Append("</tr>");
        }
        if (rows > PreviewRows) html.Append("<tr><td>⋮</td></tr>");
        html.Append("</table>");
    }

    private static string Number(float value) => value.ToString("G4", CultureInfo.InvariantCulture);
}
