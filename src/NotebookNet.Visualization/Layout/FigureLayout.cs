namespace NotebookNet.Visualization;

/// <summary>Arranges rendered pictures: side by side, wrapping to the next line when the page is narrow.</summary>
/// <example><code>string html = FigureLayout.Row([summaryHtml, filtersHtml]);</code></example>
public static class FigureLayout
{
    /// <summary>The pieces of HTML side by side, top-aligned, 8 px apart.</summary>
    public static string Row(IEnumerable<string> pieces)
    {
        ArgumentNullException.ThrowIfNull(pieces);
        return "<div style=\"display:flex;flex-wrap:wrap;gap:8px;align-items:flex-start\">" +
            string.Concat(pieces.Select(p => $"<div>{p}</div>")) + "</div>";
    }
}
