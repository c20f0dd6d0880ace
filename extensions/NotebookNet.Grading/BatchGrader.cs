using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace NotebookNet.Grading;

/// <summary>One file of the submissions folder and the gradebook name it gets.</summary>
/// <param name="Student">File name without extension, reduced to letters, digits, '.', '-' and '_'; made unique.</param>
/// <param name="Path">Full path.</param>
/// <param name="Relative">Path relative to the submissions folder.</param>
public sealed record Submission(string Student, string Path, string Relative);

/// <summary>
/// Grades every file of a submissions folder, <c>jobs</c> at a time, printing progress and the time left. Each
/// result is written atomically to <c>results/&lt;student&gt;.json</c> as soon as it is complete, with its feedback,
/// and the gradebook is rewritten; a re-run skips every submission whose file (and grading set-up) is unchanged, so a
/// run that was killed resumes where it stopped and loses no finished result.
/// </summary>
public static partial class BatchGrader
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    /// <summary>Every file under <paramref name="folder"/> (any name, any content), with unique student names.</summary>
    public static IReadOnlyList<Submission> Find(string folder)
    {
        var used = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var submissions = new List<Submission>();
        foreach (string file in Directory.GetFiles(folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            string relative = System.IO.Path.GetRelativePath(folder, file);
            string name = Unsafe().Replace(System.IO.Path.GetFileNameWithoutExtension(file), "_").Trim('_', '.');
            if (name.Length == 0) name = "submission";
            string unique = name;
            for (int n = 2; !used.Add(unique); n++) unique = $"{name}-{n}";
            submissions.Add(new Submission(unique, file, relative));
        }
        return submissions;
    }

    /// <summary>Grades what is not graded yet; returns every result, in gradebook order.</summary>
    public static async Task<IReadOnlyList<SubmissionResult>> RunAsync(GradingContext context, string submissionsFolder, int jobs, Action<string> log)
    {
        Directory.CreateDirectory(context.Results);
        Directory.CreateDirectory(context.Feedback);
        var submissions = Find(submissionsFolder);
        string fingerprint = context.Fingerprint;
        var results = new Dictionary<string, SubmissionResult>();
        var todo = new List<Submission>();
        foreach (var s in submissions)
        {
            var (done, why) = Stored(context, s, fingerprint);
            if (done is not null) results[s.Student] = done;
            else todo.Add(s);
            if (why is not null) log($"{s.Student}: graded again: {why}.");
        }
        log($"{submissions.Count} submissions in {submissionsFolder}: {results.Count} already graded, {todo.Count} to grade, {jobs} at a time.");
        WriteGradebook(context, results.Values);

        var clock = Stopwatch.StartNew();
        int finished = 0;
        var gate = new SemaphoreSlim(jobs);
        var tasks = todo.Select(async s =>
        {
            await gate.WaitAsync();
            try
            {
                var result = await GradeOne(context, s);
                Store(context, result, fingerprint);
                lock (results)
                {
                    results[s.Student] = result;
                    WriteGradebook(context, results.Values);
                    finished++;
                    var left = TimeSpan.FromSeconds(clock.Elapsed.TotalSeconds / finished * (todo.Count - finished));
                    string verdict = result.GraderFailed
                        ? $"not graded: {result.Reasons[0].TrimEnd('.')}; the next run grades it again"
                        : $"{SubmissionResult.Word(result.Verdict)}, {result.Total:0.##}/{result.MaxTotal:0.##} points";
                    log($"[{finished}/{todo.Count}] {s.Student}: {verdict} ({result.Seconds:0} s); " +
                        $"{(finished < todo.Count ? $"about {left:mm\\:ss} left" : "done")}");
                }
            }
            finally
            {
                gate.Release();
            }
        }).ToList();
        await Task.WhenAll(tasks);
        return results.Values.OrderBy(r => r.Student, StringComparer.Ordinal).ToList();
    }

    private static async Task<SubmissionResult> GradeOne(GradingContext context, Submission s)
    {
        try
        {
            return await SubmissionGrader.GradeAsync(context, s.Student, s.Path, s.Relative);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            // The grader's own trouble (a full disk, say): reported as not graded, and graded again by the next run.
            string sha = Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(s.Path)));
            return new SubmissionResult(s.Student, s.Relative, sha, Verdict.Broken, [$"The grader failed on this submission: {e.Message}"],
                context.CheckNames.Select(n => new CheckGrade(n, CheckStatus.NotRun, 0, context.Teacher.PointsFor(n), "Not run: the grader failed.")).ToList(),
                [], "", [], null, 0, 0) { GraderFailed = true };
        }
    }

    // The stored result of a submission, if it still counts; otherwise why it is graded again (null: never graded).
    private static (SubmissionResult? Result, string? WhyNot) Stored(GradingContext context, Submission s, string fingerprint)
    {
        string path = ResultPath(context, s.Student);
        if (!File.Exists(path)) return (null, null);
        StoredResult? stored;
        try
        {
            stored = JsonSerializer.Deserialize<StoredResult>(File.ReadAllText(path), Json);
        }
        catch (JsonException e)
        {
            return (null, $"its stored result {path} is unreadable ({e.Message})");
        }
        string sha = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(s.Path)));
        string? whyNot = stored?.Result switch
        {
            null => $"its stored result {path} is empty",
            _ when stored.Fingerprint != fingerprint => "the check cells, hidden checks, points, test set or limits changed since",
            { } r when r.File != s.Relative => $"its stored result was for the file {r.File}",
            { } r when r.Sha256 != sha => "the file changed since",
            { GraderFailed: true } => "the grader failed on it last time",
            _ => null,
        };
        return whyNot is null ? (stored!.Result, null) : (null, whyNot);
    }

    private static void Store(GradingContext context, SubmissionResult result, string fingerprint)
    {
        Gradebook.WriteAtomically(Path.Combine(context.Feedback, result.Student + ".txt"), FeedbackRenderer.Text(result));
        Gradebook.WriteAtomically(Path.Combine(context.Feedback, result.Student + ".html"), FeedbackRenderer.Html(result));
        // Last: the result marks the submission as done, so it is written only when everything else is.
        Gradebook.WriteAtomically(ResultPath(context, result.Student), JsonSerializer.Serialize(new StoredResult(fingerprint, result), Json));
    }

    private static void WriteGradebook(GradingContext context, IEnumerable<SubmissionResult> results) =>
        Gradebook.WriteAtomically(Path.Combine(context.OutputFolder, "gradebook.csv"), Gradebook.Format(results, context.CheckNames));

    private static string ResultPath(GradingContext context, string student) => Path.Combine(context.Results, student + ".json");

    private sealed record StoredResult(string Fingerprint, SubmissionResult Result);

    [GeneratedRegex(@"[^A-Za-z0-9._-]+")]
    private static partial Regex Unsafe();
}
