using System.Text.Json.Nodes;

namespace NotebookNet.Notebooks.Execution;

/// <summary>
/// The notebook side of homework checking, on plain .ipynb JSON: finds the official check cells of a homework
/// template (code cells tagged <see cref="CheckTag"/> in their metadata), appends them to a student's notebook, and
/// grades the executed result.
/// </summary>
/// <remarks>
/// The student's own copies of the check cells are dropped before the official ones are appended, so an edited check
/// changes nothing. The check cells are the last cells of the combined notebook, which is how <see cref="Grade"/>
/// finds them again (runners keep the cells and their order, not always their metadata).
/// </remarks>
public static class HomeworkNotebook
{
    /// <summary>The cell tag that marks an official check cell.</summary>
    public const string CheckTag = "check";

    /// <summary>True for a code cell whose metadata tags include <see cref="CheckTag"/>.</summary>
    public static bool IsCheckCell(JsonNode? cell) =>
        (string?)cell?["cell_type"] == "code" &&
        cell["metadata"]?["tags"] is JsonArray tags && tags.Any(t => (string?)t == CheckTag);

    /// <summary>
    /// True for a homework template: a notebook with check cells that is not a reference solution (solutions live in a
    /// <c>solutions</c> folder). A template cannot pass as written, since its TODO cells are the student's part; its solution,
    /// with the same check cells, runs like any lecture notebook.
    /// </summary>
    public static bool IsTemplate(string notebookPath) =>
        !Path.GetDirectoryName(Path.GetFullPath(notebookPath))!.EndsWith(Path.DirectorySeparatorChar + "solutions", StringComparison.Ordinal)
        && JsonNode.Parse(File.ReadAllText(notebookPath)) is { } json && CheckCells(json).Count > 0;

    /// <summary>The template's check cells, in order.</summary>
    public static IReadOnlyList<JsonObject> CheckCells(JsonNode template) =>
        Cells(template, "template").Where(IsCheckCell).Select(c => c!.AsObject()).ToList();

    /// <summary>
    /// The student's notebook without its check cells, followed by the template's check cells (outputs cleared,
    /// ids <c>official-check-1</c>, ...). Throws <see cref="ArgumentException"/> when the template has no check cell.
    /// </summary>
    public static JsonObject Combine(JsonNode student, JsonNode template)
    {
        var checks = CheckCells(template);
        if (checks.Count == 0)
            throw new ArgumentException($"The homework template has no code cell tagged \"{CheckTag}\" in its metadata, so there is nothing to check.", nameof(template));
        var cells = new JsonArray();
        foreach (var cell in Cells(student, "student notebook").Where(c => !IsCheckCell(c)))
            cells.Add(cell!.DeepClone());
        int n = 0;
        foreach (var check in checks)
        {
            var copy = check.DeepClone().AsObject();
            copy["id"] = $"official-check-{++n}";
            copy["execution_count"] = null;
            copy["outputs"] = new JsonArray();
            cells.Add(copy);
        }
        var combined = student.DeepClone().AsObject();
        combined["cells"] = cells;
        return combined;
    }

    /// <summary>
    /// Grades an executed combined notebook whose last <paramref name="checkCount"/> cells are the official checks:
    /// a check passes when it ran and produced no error. Errors in the student's cells are listed too.
    /// </summary>
    public static HomeworkGrade Grade(JsonNode executed, int checkCount)
    {
        var cells = Cells(executed, "executed notebook");
        if (checkCount < 1 || checkCount > cells.Count)
            throw new ArgumentOutOfRangeException(nameof(checkCount), checkCount, $"The executed notebook has {cells.Count} cells; received checkCount={checkCount}.");
        int first = cells.Count - checkCount;
        var studentErrors = new List<CellError>();
        for (int i = 0; i < first; i++)
            if (Error(cells[i]) is { } error) studentErrors.Add(new CellError(i + 1, FirstLine(Source(cells[i])), error));
        var checks = new List<CheckResult>();
        for (int i = first; i < cells.Count; i++)
        {
            var cell = cells[i]!;
            string? error = Error(cell);
            var outcome = error is not null ? CheckOutcome.Failed : Ran(cell) ? CheckOutcome.Passed : CheckOutcome.NotRun;
            checks.Add(new CheckResult(i - first + 1, Title(Source(cell)), outcome, OutputText(cell), error));
        }
        return new HomeworkGrade(studentErrors, checks);
    }

    private static IReadOnlyList<JsonNode?> Cells(JsonNode notebook, string what)
    {
        ArgumentNullException.ThrowIfNull(notebook);
        return notebook["cells"] as JsonArray is { } cells
            ? cells.ToList()
            : throw new ArgumentException($"The {what} is not an nbformat 4 notebook: it has no \"cells\" array.");
    }

    private static bool Ran(JsonNode cell) =>
        cell["execution_count"] is JsonValue v && v.TryGetValue(out int _) || cell["outputs"] is JsonArray { Count: > 0 };

    private static string? Error(JsonNode? cell)
    {
        var errors = (cell?["outputs"] as JsonArray ?? []).Where(o => (string?)o?["output_type"] == "error").ToList();
        if (errors.Count == 0) return null;
        return string.Join(Environment.NewLine, errors.Select(e =>
        {
            string value = $"{(string?)e!["ename"]}: {(string?)e["evalue"]}".Trim(' ', ':');
            return value.Length > 0 ? value : Text(e["traceback"]);
        }));
    }

    // stdout/stderr and text/plain results, in order: what the check printed.
    private static string OutputText(JsonNode cell) => string.Join("", (cell["outputs"] as JsonArray ?? []).Select(o => (string?)o?["output_type"] switch
    {
        "stream" => Text(o!["text"]),
        "execute_result" or "display_data" => Text(o!["data"]?["text/plain"]) is { Length: > 0 } t ? t + Environment.NewLine : "",
        _ => "",
    })).TrimEnd();

    private static string Source(JsonNode? cell) => Text(cell?["source"]);

    private static string Text(JsonNode? node) => node switch
    {
        JsonArray lines => string.Concat(lines.Select(l => (string?)l)),
        JsonValue value => (string?)value ?? "",
        _ => "",
    };

    private static string FirstLine(string source) =>
        source.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0) ?? "(empty cell)";

    // "// Check 1: the architecture" → "Check 1: the architecture"; otherwise the first line of code.
    private static string Title(string source)
    {
        string line = FirstLine(source);
        return line.StartsWith("//", StringComparison.Ordinal) ? line.TrimStart('/').Trim() : line;
    }
}

/// <summary>How one official check ended.</summary>
public enum CheckOutcome
{
    /// <summary>The check cell ran without error.</summary>
    Passed,

    /// <summary>The check cell raised an error (a failed criterion, or the student's code did not define what it needs).</summary>
    Failed,

    /// <summary>The run stopped before the check cell.</summary>
    NotRun,
}

/// <summary>One official check cell's result.</summary>
/// <param name="Number">1-based position among the checks.</param>
/// <param name="Title">The cell's first comment line (or first line of code).</param>
/// <param name="Outcome">Passed, failed or not run.</param>
/// <param name="Output">What the cell printed, errors excluded.</param>
/// <param name="Error">The error the cell raised, or null.</param>
public sealed record CheckResult(int Number, string Title, CheckOutcome Outcome, string Output, string? Error);

/// <summary>An error in one of the student's own cells.</summary>
/// <param name="Cell">1-based cell number in the student's notebook (check cells removed).</param>
/// <param name="FirstLine">The cell's first non-empty line, to find it.</param>
/// <param name="Error">The error name and message.</param>
public sealed record CellError(int Cell, string FirstLine, string Error);

/// <summary>The result of checking a homework notebook.</summary>
/// <param name="StudentErrors">Errors raised by the student's cells.</param>
/// <param name="Checks">Every official check, in order.</param>
public sealed record HomeworkGrade(IReadOnlyList<CellError> StudentErrors, IReadOnlyList<CheckResult> Checks)
{
    /// <summary>True when the student's cells ran without error and every official check passed.</summary>
    public bool Passed => StudentErrors.Count == 0 && Checks.All(c => c.Outcome == CheckOutcome.Passed);

    /// <summary>The report printed by <c>check-homework</c>: errors in the student's cells, each check with what it
    /// printed, and a verdict line starting with PASS or FAIL.</summary>
    public override string ToString()
    {
        var text = new System.Text.StringBuilder();
        foreach (var e in StudentErrors)
            text.AppendLine($"Your cell {e.Cell} ({e.FirstLine}) failed: {e.Error}");
        foreach (var c in Checks)
        {
            text.AppendLine($"Check {c.Number} of {Checks.Count}, {c.Title}: {Word(c.Outcome)}");
            foreach (string line in c.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries)) text.AppendLine("    " + line.TrimEnd('\r'));
            if (c.Error is not null)
                foreach (string line in ErrorLines(c.Error, briefly: c.Output.Length > 0)) text.AppendLine("    " + line);
        }
        int passed = Checks.Count(c => c.Outcome == CheckOutcome.Passed);
        string why = StudentErrors.Count > 0 ? $"; {StudentErrors.Count} of your cells failed (the notebook must run from top to bottom)" : "";
        text.Append($"{(Passed ? "PASS" : "FAIL")}: {passed} of {Checks.Count} checks pass{why}.");
        return text.ToString();
    }

    // The error without the kernel's stack trace; only its first line when the check already printed its report.
    private static IEnumerable<string> ErrorLines(string error, bool briefly)
    {
        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r'))
            .Where(l => !l.TrimStart().StartsWith("at ", StringComparison.Ordinal) && !l.TrimStart().StartsWith("--- End of stack trace", StringComparison.Ordinal));
        return briefly ? lines.Take(1) : lines;
    }

    private static string Word(CheckOutcome outcome) => outcome switch
    {
        CheckOutcome.Passed => "PASS",
        CheckOutcome.Failed => "FAIL",
        _ => "NOT RUN (the run stopped before it)",
    };
}
