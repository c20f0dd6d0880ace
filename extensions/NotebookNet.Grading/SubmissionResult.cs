namespace NotebookNet.Grading;

/// <summary>How a submission ended. Only <see cref="Pass"/> passes.</summary>
public enum Verdict
{
    /// <summary>Every check passed and nothing was refused.</summary>
    Pass,

    /// <summary>It ran, but a check failed.</summary>
    Fail,

    /// <summary>One of the student's cells raised an error: the notebook does not run from top to bottom.</summary>
    Broken,

    /// <summary>The file is not a Jupyter notebook (nbformat 4 JSON with cells).</summary>
    NotANotebook,

    /// <summary>Killed at the wall-clock limit.</summary>
    TimeLimit,

    /// <summary>Ran into the memory limit.</summary>
    MemoryLimit,

    /// <summary>Tried something the sandbox forbids: writing outside its folder, the network, the teacher's data, too many processes.</summary>
    Denied,

    /// <summary>Edited or deleted check cells, replaced the checker's types, or tampered with the model file.</summary>
    Rejected,
}

/// <summary>How one check ended.</summary>
public enum CheckStatus
{
    /// <summary>Passed: full points.</summary>
    Pass,

    /// <summary>Failed: no points.</summary>
    Fail,

    /// <summary>Not run, because the submission ended before (or was refused): no points.</summary>
    NotRun,
}

/// <summary>One check as graded.</summary>
/// <param name="Name">The check's name (the gradebook column).</param>
/// <param name="Status">Pass, fail or not run.</param>
/// <param name="Points">Points earned.</param>
/// <param name="MaxPoints">Points it is worth (the teacher's weights).</param>
/// <param name="Message">What was found, and on failure what to change.</param>
/// <param name="Html">What the check drew, as HTML, or null.</param>
public sealed record CheckGrade(string Name, CheckStatus Status, double Points, double MaxPoints, string Message, string? Html = null);

/// <summary>Everything the grader found for one submission; written as JSON when it is complete.</summary>
/// <param name="Student">The name in the gradebook (from the file name).</param>
/// <param name="File">The submission's path relative to the submissions folder.</param>
/// <param name="Sha256">SHA-256 of the submitted file: a re-run skips the submission while it is unchanged.</param>
/// <param name="Verdict">The verdict.</param>
/// <param name="Reasons">Why, in sentences (empty for a pass).</param>
/// <param name="Checks">Every check, in gradebook order.</param>
/// <param name="StudentCellErrors">Errors the student's own cells raised, as "cell N (first line): error".</param>
/// <param name="KernelFeedback">What the official check cells printed in the student's kernel, for feedback only (untrusted).</param>
/// <param name="KernelPictures">HTML of what those cells drew, for feedback only.</param>
/// <param name="ModelSha256">SHA-256 of the model file the grader measured, or null.</param>
/// <param name="Seconds">Wall-clock seconds to grade it.</param>
/// <param name="PeakMemoryBytes">Highest memory use of its sandbox.</param>
public sealed record SubmissionResult(
    string Student,
    string File,
    string Sha256,
    Verdict Verdict,
    IReadOnlyList<string> Reasons,
    IReadOnlyList<CheckGrade> Checks,
    IReadOnlyList<string> StudentCellErrors,
    string KernelFeedback,
    IReadOnlyList<string> KernelPictures,
    string? ModelSha256,
    double Seconds,
    long PeakMemoryBytes)
{
    /// <summary>True when the grader itself failed (not the submission); the next run grades it again.</summary>
    public bool GraderFailed { get; init; }

    /// <summary>Points earned over all checks.</summary>
    public double Total => Checks.Sum(c => c.Points);

    /// <summary>Points possible.</summary>
    public double MaxTotal => Checks.Sum(c => c.MaxPoints);

    /// <summary>The verdict as the gradebook writes it, e.g. "time limit".</summary>
    public static string Word(Verdict verdict) => verdict switch
    {
        Verdict.Pass => "pass",
        Verdict.Fail => "fail",
        Verdict.Broken => "broken",
        Verdict.NotANotebook => "not a notebook",
        Verdict.TimeLimit => "time limit",
        Verdict.MemoryLimit => "memory limit",
        Verdict.Denied => "denied",
        _ => "rejected",
    };
}
