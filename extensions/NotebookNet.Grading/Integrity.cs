using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using NotebookNet.Notebooks.Execution;

namespace NotebookNet.Grading;

/// <summary>
/// What the grader reads in a submission before running it: whether the official check cells are there unchanged,
/// and whether the student's code defines a type or namespace of the checker (which would replace it in the
/// student's kernel). Each finding refuses a pass; the grader's own checks do not depend on either.
/// </summary>
public static partial class Integrity
{
    /// <summary>The checker's type names a submission must not define or alias.</summary>
    public static IReadOnlyList<string> CheckerTypes { get; } =
        ["MultiConvHomework", "HomeworkReport", "HomeworkCriterion", "HomeworkCheckFailedException", "HomeworkSubmission",
         "GradingTestSet", "ConvStage", "Sequential", "Mnist", "MnistSet"];

    /// <summary>
    /// One sentence per problem: a template check cell missing from the student's notebook or changed, a code cell
    /// tagged "check" that is not one of the template's, a checker type or the NotebookNet namespace defined.
    /// </summary>
    public static IReadOnlyList<string> Findings(JsonNode student, JsonNode template)
    {
        var findings = new List<string>();
        var studentCode = Code(student).ToList();
        var official = HomeworkNotebook.CheckCells(template).Select(c => Normalize(Source(c))).ToList();
        for (int i = 0; i < official.Count; i++)
            if (!studentCode.Any(c => Normalize(c.Source) == official[i]))
                findings.Add($"Official check {i + 1} ({Title(official[i])}) is missing or was edited; check cells must stay as the template has them.");
        foreach (var (number, source, tagged) in studentCode)
            if (tagged && !official.Contains(Normalize(source)))
                findings.Add($"Cell {number} is tagged \"{HomeworkNotebook.CheckTag}\" but is not one of the template's check cells.");
        foreach (var (number, source, _) in studentCode.Where(c => !official.Contains(Normalize(c.Source))))
        {
            foreach (Match m in TypeDefinition().Matches(source))
                if (CheckerTypes.Contains(m.Groups["name"].Value))
                    findings.Add($"Cell {number} defines {m.Groups["kind"].Value} {m.Groups["name"].Value}, a type of the checker.");
            foreach (Match m in Alias().Matches(source))
                if (CheckerTypes.Contains(m.Groups["name"].Value))
                    findings.Add($"Cell {number} makes {m.Groups["name"].Value} an alias (using {m.Groups["name"].Value} = ...), replacing a type of the checker.");
            if (NotebookNetNamespace().Match(source) is { Success: true } ns)
                findings.Add($"Cell {number} declares namespace {ns.Groups["name"].Value}, the checker's namespace.");
        }
        return findings;
    }

    private static IEnumerable<(int Number, string Source, bool Tagged)> Code(JsonNode notebook) =>
        (notebook["cells"] as JsonArray ?? [])
            .Select((cell, index) => (cell, index))
            .Where(c => (string?)c.cell?["cell_type"] == "code")
            .Select(c => (c.index + 1, Source(c.cell), HomeworkNotebook.IsCheckCell(c.cell)));

    private static string Source(JsonNode? cell) => cell?["source"] switch
    {
        JsonArray lines => string.Concat(lines.Select(l => (string?)l)),
        JsonValue v => (string?)v ?? "",
        _ => "",
    };

    // Line endings and trailing spaces are what editors change on their own; anything else is an edit.
    private static string Normalize(string source) =>
        string.Join('\n', source.Replace("\r\n", "\n").Split('\n').Select(l => l.TrimEnd())).Trim();

    private static string Title(string source) => source.Split('\n')[0].TrimStart('/', ' ');

    [GeneratedRegex(@"\b(?<kind>class|struct|record|interface|enum|delegate\s+\w+)\s+(?<name>[A-Za-z_]\w*)")]
    private static partial Regex TypeDefinition();

    [GeneratedRegex(@"\busing\s+(static\s+)?(?<name>[A-Za-z_]\w*)\s*=")]
    private static partial Regex Alias();

    [GeneratedRegex(@"\bnamespace\s+(?<name>NotebookNet(\.\w+)*)")]
    private static partial Regex NotebookNetNamespace();
}
