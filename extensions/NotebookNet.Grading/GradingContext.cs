using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using NotebookNet.Homework;
using NotebookNet.Notebooks.Execution;

namespace NotebookNet.Grading;

/// <summary>
/// Everything that is the same for every submission of a run, set up once: the template and its check cells, the
/// teacher's hidden checks and points, the test set (read into the grader's memory), the packages and kernelspec,
/// the sandbox, and the output folder.
/// </summary>
public sealed record GradingContext(
    RepositoryLayout Repository,
    NotebookSetup Setup,
    string TemplatePath,
    JsonNode Template,
    TeacherChecks Teacher,
    GradingTestSet TestSet,
    Sandbox Sandbox,
    string OutputFolder)
{
    /// <summary>The template's check cells (appended to each submission, the last one hands in the model).</summary>
    public int CheckCellCount => HomeworkNotebook.CheckCells(Template).Count;

    /// <summary>Every check in gradebook order: the grader's built-in ones, then the hidden ones.</summary>
    public IReadOnlyList<string> CheckNames => [.. ModelChecks.Names, .. Teacher.Checks.Select(c => c.Name)];

    /// <summary>Results (one JSON per submission), written when each completes.</summary>
    public string Results => Path.Combine(OutputFolder, "results");

    /// <summary>Feedback for the students: <c>&lt;student&gt;.html</c> and <c>.txt</c>.</summary>
    public string Feedback => Path.Combine(OutputFolder, "feedback");

    /// <summary>Executed notebooks and the grader's copies of the model files.</summary>
    public string Kept => Path.Combine(OutputFolder, "submissions");

    /// <summary>Work folders, one per running submission (the only place it may write); removed when it is graded.</summary>
    public string Work => Path.Combine(OutputFolder, "work");

    /// <summary>
    /// SHA-256 of what decides a grade besides the submission: check cells, hidden checks, points, test set, limits.
    /// A stored result counts for a re-run only when this is unchanged.
    /// </summary>
    public string Fingerprint
    {
        get
        {
            var text = new StringBuilder();
            foreach (var cell in HomeworkNotebook.CheckCells(Template)) text.Append(cell["source"]?.ToJsonString()).Append('\n');
            foreach (var check in Teacher.Checks) text.Append(check.Name).Append('\n').Append(check.Source).Append('\n');
            foreach (var (name, points) in Teacher.Points.OrderBy(p => p.Key, StringComparer.Ordinal)) text.Append($"{name}={points}\n");
            text.Append(TestSet.Sha256).Append('\n').Append(Sandbox.Limits).Append('\n').Append(Sandbox.Isolate);
            return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
        }
    }
}
