using System.Text;

namespace NotebookNet.Benchmarks;

/// <summary>A plain-text table: headers, rows of cells, columns padded to their widest cell (numbers right-aligned).</summary>
internal sealed class Table(params string[] headers)
{
    private readonly List<string[]> _rows = [];

    /// <summary>Adds a row; missing cells print empty.</summary>
    public void Add(params string[] cells) => _rows.Add(cells);

    public override string ToString()
    {
        var widths = headers.Select(h => h.Length).ToArray();
        foreach (var row in _rows)
            for (int i = 0; i < Math.Min(row.Length, widths.Length); i++) widths[i] = Math.Max(widths[i], row[i].Length);

        var text = new StringBuilder();
        AppendRow(text, headers, widths, rightAlignNumbers: false);
        text.AppendLine(string.Join("-+-", widths.Select(w => new string('-', w))));
        foreach (var row in _rows) AppendRow(text, row, widths, rightAlignNumbers: true);
        return text.ToString();
    }

    private static void AppendRow(StringBuilder text, string[] cells, int[] widths, bool rightAlignNumbers)
    {
        for (int i = 0; i < widths.Length; i++)
        {
            string cell = i < cells.Length ? cells[i] : "";
            bool right = rightAlignNumbers && cell.Length > 0 && (char.IsDigit(cell[0]) || cell[0] is '-' or '×');
            text.Append(right ? cell.PadLeft(widths[i]) : cell.PadRight(widths[i]));
            if (i < widths.Length - 1) text.Append(" | ");
        }
        text.AppendLine();
    }
}
