namespace NotebookNet.Notebooks.Execution;

/// <summary>How one notebook run ended.</summary>
public enum NotebookStatus
{
    /// <summary>Every cell ran without error.</summary>
    Passed,

    /// <summary>A cell failed, or the run itself failed (kernel did not start, time limit).</summary>
    Failed,
}

/// <summary>The outcome of running one notebook.</summary>
/// <param name="Name">The notebook's file name without extension.</param>
/// <param name="Status">Passed or failed.</param>
/// <param name="Elapsed">Wall-clock time of the run.</param>
/// <param name="ExecutedNotebook">The saved notebook with outputs, or null if none was written.</param>
/// <param name="Html">The HTML export, or null if none was written.</param>
/// <param name="Message">Why it failed (the failing cell and error), or null.</param>
public sealed record NotebookRun(string Name, NotebookStatus Status, TimeSpan Elapsed, string? ExecutedNotebook, string? Html, string? Message)
{
    /// <summary>True when every cell ran without error.</summary>
    public bool Passed => Status == NotebookStatus.Passed;
}
