using System.Text.Json.Nodes;
using NotebookNet.Homework;
using NotebookNet.Notebooks.Execution;

namespace NotebookNet.Grading;

/// <summary>
/// What the executed notebook says about the run. It was written inside the sandbox, so the student could have
/// forged any of it: nothing here can raise a grade. It gives feedback (what the in-kernel checks printed and drew),
/// the student's cell errors (which keep a notebook from passing), signs of what the sandbox denied or of running out
/// of memory (which only lower a verdict), and the model hash the save cell printed (a mismatch with the file the
/// grader finds means the file changed after it was saved).
/// </summary>
internal sealed record KernelEvidence(HomeworkGrade? Grade, IReadOnlyList<string> Denials, bool OutOfMemory, string? SavedModelSha256, IReadOnlyList<string> Pictures)
{
    // Messages the sandbox's refusals produce in .NET and Python: a read-only file system, a folder it may not open,
    // no network, no more processes.
    private static readonly (string Sign, string Meaning)[] DenialSigns =
    [
        ("Read-only file system", "wrote outside its own folder (read-only file system)"),
        ("Permission denied", "opened a path it may not (permission denied)"),
        ("Access to the path", "opened a path it may not (permission denied)"),
        ("Network is unreachable", "used the network (unreachable in the sandbox)"),
        ("Name or service not known", "used the network (no name resolution in the sandbox)"),
        ("Temporary failure in name resolution", "used the network (no name resolution in the sandbox)"),
        ("Cannot assign requested address", "used the network"),
        ("Resource temporarily unavailable", "started too many processes (process limit)"),
    ];

    public static KernelEvidence None { get; } = new(null, [], false, null, []);

    public static KernelEvidence Read(string? executedPath, int checkCount)
    {
        if (executedPath is null || !File.Exists(executedPath)) return None;
        JsonNode? notebook;
        try
        {
            notebook = JsonNode.Parse(File.ReadAllText(executedPath));
        }
        catch (System.Text.Json.JsonException)
        {
            return None;
        }
        if (notebook?["cells"] is not JsonArray cells || cells.Count < checkCount) return None;
        var grade = HomeworkNotebook.Grade(notebook, checkCount);
        var errors = grade.StudentErrors.Select(e => e.Error).Concat(grade.Checks.Select(c => c.Error ?? "")).ToList();
        var denials = DenialSigns.Where(d => errors.Any(e => e.Contains(d.Sign, StringComparison.Ordinal)))
            .Select(d => d.Meaning).Distinct().ToList();
        bool oom = errors.Any(e => e.Contains("OutOfMemoryException", StringComparison.Ordinal) || e.Contains("Out of memory", StringComparison.Ordinal));
        string? sha = grade.Checks.Count == 0 ? null : grade.Checks[^1].Output.Split('\n')
            .Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith(HomeworkSubmission.SavedLine, StringComparison.Ordinal))?[HomeworkSubmission.SavedLine.Length..];
        return new KernelEvidence(grade, denials, oom, sha, Drawn(cells, checkCount));
    }

    // The HTML (or PNG) the official check cells drew in the student's kernel.
    private static List<string> Drawn(JsonArray cells, int checkCount)
    {
        var pictures = new List<string>();
        foreach (var cell in cells.Skip(cells.Count - checkCount))
            foreach (var output in cell?["outputs"] as JsonArray ?? [])
            {
                var data = output?["data"];
                if (data?["text/html"] is { } html) pictures.Add(Text(html));
                else if (data?["image/png"] is { } png) pictures.Add($"<img src=\"data:image/png;base64,{Text(png).Trim()}\" />");
            }
        return pictures;
    }

    private static string Text(JsonNode node) => node switch
    {
        JsonArray lines => string.Concat(lines.Select(l => (string?)l)),
        _ => (string?)node ?? "",
    };
}
