using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using NotebookNet.Notebooks.Execution;

namespace NotebookNet.Grading;

/// <summary>
/// Grades one submission: reads it, runs it in the sandbox with the official check cells appended, takes the model
/// file it handed in, checks that file in the grader's process on the teacher's test set, runs the hidden checks,
/// and decides the verdict. Nothing the student's kernel printed or defined can raise the verdict.
/// </summary>
internal static class SubmissionGrader
{
    public static async Task<SubmissionResult> GradeAsync(GradingContext context, string id, string file, string relative)
    {
        var clock = Stopwatch.StartNew();
        byte[] bytes = await File.ReadAllBytesAsync(file);
        string sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        SubmissionResult Result(Verdict verdict, IReadOnlyList<string> reasons, IReadOnlyList<CheckGrade> checks,
            KernelEvidence? evidence = null, string? modelSha = null, long peak = 0) =>
            new(id, relative, sha, verdict, reasons, checks,
                evidence?.Grade?.StudentErrors.Select(e => $"cell {e.Cell} ({e.FirstLine}): {e.Error}").ToList() ?? [],
                evidence?.Grade?.ToString() ?? "", evidence?.Pictures ?? [], modelSha, Math.Round(clock.Elapsed.TotalSeconds, 1), peak);

        if (ParseNotebook(bytes) is not { } student)
            return Result(Verdict.NotANotebook, [$"'{relative}' is not a Jupyter notebook (nbformat 4 JSON with a \"cells\" list), so nothing was run."],
                NotRun(context, "Not run: the file is not a notebook."));

        var findings = Integrity.Findings(student, context.Template);
        var workspace = SubmissionWorkspace.Create(context, id, HomeworkNotebook.Combine(student, context.Template));
        try
        {
            var run = await context.Sandbox.RunAsync(id, workspace.Folder, workspace.Command(context.Sandbox.Limits),
                workspace.Environment(context, context.Sandbox.Isolate));
            Keep(context, id, workspace);
            var evidence = KernelEvidence.Read(Path.Combine(context.Kept, id + ".ipynb"), context.CheckCellCount);

            if (run.TimedOut)
                return Result(Verdict.TimeLimit, [$"Stopped at the time limit of {context.Sandbox.Limits.TimeLimit.TotalSeconds:0} s (all its processes were killed)."],
                    NotRun(context, "Not run: the submission hit the time limit."), evidence, peak: run.PeakBytes);
            if (run.OomKills > 0 || evidence.OutOfMemory)
                return Result(Verdict.MemoryLimit, [$"Ran out of memory at the limit of {context.Sandbox.Limits.MemoryBytes / (double)(1 << 30):0.#} GiB " +
                    $"(peak {run.PeakBytes / (double)(1 << 20):N0} MiB{(run.OomKills > 0 ? $", {run.OomKills} process(es) killed" : "")})."],
                    NotRun(context, "Not run: the submission hit the memory limit."), evidence, peak: run.PeakBytes);
            var denials = evidence.Denials.ToList();
            if (run.ProcessLimitHits > 0) denials.Add($"started too many processes ({run.ProcessLimitHits} refused at the limit of {context.Sandbox.Limits.Processes})");
            if (denials.Count > 0)
                return Result(Verdict.Denied, denials.Select(d => $"The sandbox denied it: it {d}.").ToList(),
                    NotRun(context, "Not run: the sandbox denied the submission an action."), evidence, peak: run.PeakBytes);
            if (evidence.Grade is null)
                return Result(Verdict.Broken, [$"The notebook could not be run (exit {run.ExitCode}): {Tail(run.Output)}"],
                    NotRun(context, "Not run: the notebook could not be run."), evidence, peak: run.PeakBytes);

            string whyMissing = evidence.Grade.Checks[^1].Error is { } saveError
                ? $"the hand-in cell failed: {saveError.Split('\n')[0]}"
                : "the hand-in cell (the last official check) did not write one.";
            var model = ModelChecks.Run(KeptModel(context, id), evidence.SavedModelSha256, whyMissing, context.TestSet);
            var checks = model.Checks.Select(c => Grade(context, c.Name, c.Passed, c.Message)).ToList();
            if (model.Model is not null)
                foreach (var (check, passed, text, html) in await HiddenCheckRunner.RunAsync(context.Teacher.Checks, model.Model, context.TestSet, TimeSpan.FromMinutes(2)))
                    checks.Add(Grade(context, check.Name, passed, text.Length > 0 ? text : passed ? "Passed." : "Failed.", html));
            else
                checks.AddRange(context.Teacher.Checks.Select(c => Grade(context, c.Name, null, "Not run: there is no model to check.")));

            var refused = findings.ToList();
            if (model.Tampered is not null) refused.Add(model.Tampered);
            if (refused.Count > 0)
                return Result(Verdict.Rejected, refused, checks.Select(c => c with { Points = 0 }).ToList(), evidence, model.ModelSha256, run.PeakBytes);
            if (evidence.Grade.StudentErrors.Count > 0)
                return Result(Verdict.Broken, [$"{evidence.Grade.StudentErrors.Count} of the student's cells raised an error; the notebook must run from top to bottom."],
                    checks, evidence, model.ModelSha256, run.PeakBytes);
            var failed = checks.Where(c => c.Status != CheckStatus.Pass).ToList();
            return failed.Count == 0
                ? Result(Verdict.Pass, [], checks, evidence, model.ModelSha256, run.PeakBytes)
                : Result(Verdict.Fail, [$"{failed.Count} of {checks.Count} checks fail: {string.Join(", ", failed.Select(c => c.Name))}."], checks, evidence, model.ModelSha256, run.PeakBytes);
        }
        finally
        {
            if (Directory.Exists(workspace.Folder)) Directory.Delete(workspace.Folder, recursive: true);
        }
    }

    private static string Tail(string output) =>
        string.Join('\n', output.Split('\n').Select(l => l.TrimEnd()).Where(l => l.Length > 0).TakeLast(6));

    private static CheckGrade Grade(GradingContext context, string name, bool? passed, string message, string? html = null)
    {
        double max = context.Teacher.PointsFor(name);
        var status = passed switch { true => CheckStatus.Pass, false => CheckStatus.Fail, null => CheckStatus.NotRun };
        return new CheckGrade(name, status, passed == true ? max : 0, max, message, string.IsNullOrEmpty(html) ? null : html);
    }

    private static List<CheckGrade> NotRun(GradingContext context, string message) =>
        context.CheckNames.Select(n => Grade(context, n, null, message)).ToList();

    private static JsonNode? ParseNotebook(byte[] bytes)
    {
        try
        {
            var node = JsonNode.Parse(bytes);
            return node is JsonObject { } nb && nb["cells"] is JsonArray && (int?)nb["nbformat"] == 4 ? nb : null;
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }

    // The executed notebook and the model file move out of the work folder into the grader's own folder, which no
    // sandbox can see, once every process of the run has ended: what is measured is what the run left.
    private static void Keep(GradingContext context, string id, SubmissionWorkspace workspace)
    {
        Directory.CreateDirectory(context.Kept);
        string executed = Path.Combine(context.Kept, id + ".ipynb"), model = Path.Combine(context.Kept, id + ".nbm");
        File.Delete(executed);
        File.Delete(model);
        if (File.Exists(workspace.Executed) && !IsLink(workspace.Executed)) File.Move(workspace.Executed, executed);
        if (File.Exists(workspace.ModelFile) && !IsLink(workspace.ModelFile)) File.Move(workspace.ModelFile, model);
    }

    private static string KeptModel(GradingContext context, string id) => Path.Combine(context.Kept, id + ".nbm");

    // A symbolic link planted by the submission could point the grader at a file of the teacher's.
    private static bool IsLink(string path) => new FileInfo(path).LinkTarget is not null;
}
