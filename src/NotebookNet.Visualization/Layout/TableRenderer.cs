using NotebookNet.Visualization.Internal;

namespace NotebookNet.Visualization;

/// <summary>A plain table as HTML: integers with thousands separators, doubles with four significant digits,
/// anything else as escaped text.</summary>
/// <example><code>string html = TableRenderer.ToHtml(["model", "weights"], [["dense", 101_770]]);</code></example>
public static class TableRenderer
{
    /// <summary>The table; every row must have one cell per header.</summary>
    /// <exception cref="ArgumentException">A row has another number of cells than there are headers.</exception>
    public static string ToHtml(string[] headers, IEnumerable<object[]> rows)
    {
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(rows);
        string head = "<tr>" + string.Concat(headers.Select(h => Cell(h, "th"))) + "</tr>";
        string body = string.Concat(rows.Select(r =>
        {
            if (r.Length != headers.Length)
                throw new ArgumentException($"Show.Table: a row has {r.Length} cells but there are {headers.Length} headers.", nameof(rows));
            return "<tr>" + string.Concat(r.Select(v => Cell(v, "td"))) + "</tr>";
        }));
        return $"<div style=\"{Html.Card()}\"><table style=\"border-collapse:collapse\">{head}{body}</table></div>";
    }

    private static string Cell(object? v, string tag) => v switch
    {
        int or long => $"<{tag} style=\"{Html.Cell("right", Html.Numeric)}\">{Format.Count(Convert.ToInt64(v))}</{tag}>",
        double d => $"<{tag} style=\"{Html.Cell("right", Html.Numeric)}\">{Format.Value(d)}</{tag}>",
        _ => $"<{tag} style=\"{Html.Cell()}\">{Format.Escape(v?.ToString())}</{tag}>",
    };
}
