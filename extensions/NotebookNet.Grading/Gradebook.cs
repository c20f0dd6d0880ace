using System.Globalization;
using System.Text;

namespace NotebookNet.Grading;

/// <summary>
/// The gradebook CSV: one row per student, sorted by name, with the verdict, one column of points per check, the
/// total, and the reasons; written atomically (a temporary file moved over the old one).
/// </summary>
public static class Gradebook
{
    /// <summary>The CSV text for <paramref name="results"/> with a column for each of <paramref name="checks"/>.</summary>
    public static string Format(IEnumerable<SubmissionResult> results, IReadOnlyList<string> checks)
    {
        var csv = new StringBuilder();
        csv.AppendLine(string.Join(',', new[] { "student", "file", "verdict" }.Concat(checks).Concat(["total", "max", "reasons"]).Select(Field)));
        foreach (var r in results.OrderBy(r => r.Student, StringComparer.Ordinal))
        {
            var row = new List<string> { r.Student, r.File, SubmissionResult.Word(r.Verdict) };
            row.AddRange(checks.Select(name => r.Checks.FirstOrDefault(c => c.Name == name) is { } c ? Number(c.Points) : ""));
            row.AddRange([Number(r.Total), Number(r.MaxTotal), string.Join(" ", r.Reasons)]);
            csv.AppendLine(string.Join(',', row.Select(Field)));
        }
        return csv.ToString();
    }

    /// <summary>Writes <paramref name="text"/> to <paramref name="path"/> so that readers see the old or the new file, never half of one.</summary>
    public static void WriteAtomically(string path, string text)
    {
        string temp = path + ".tmp-" + Guid.NewGuid().ToString("N")[..8];
        File.WriteAllText(temp, text);
        File.Move(temp, path, overwrite: true);
    }

    private static string Number(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    // RFC 4180: quote fields holding a comma, quote or line break; double the quotes inside.
    private static string Field(string value) =>
        value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;
}
