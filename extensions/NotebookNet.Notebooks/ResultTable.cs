using System.Globalization;
using NotebookNet.Notebooks.Execution;

namespace NotebookNet.Notebooks;

/// <summary>Prints the notebook runs as a table: notebook, seconds, status.</summary>
internal static class ResultTable
{
    public static string Format(IReadOnlyList<NotebookRun> runs)
    {
        int width = Math.Max("notebook".Length, runs.Select(r => r.Name.Length).DefaultIfEmpty(0).Max());
        var lines = new List<string>
        {
            $"{"notebook".PadRight(width)}  {"seconds",8}  status",
            $"{new string('-', width)}  {new string('-', 8)}  ------",
        };
        foreach (var run in runs)
            lines.Add($"{run.Name.PadRight(width)}  {run.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture),8}  {(run.Passed ? "passed" : "FAILED")}");
        int failed = runs.Count(r => !r.Passed);
        lines.Add(failed == 0 ? $"All {runs.Count} notebooks ran without error." : $"{failed} of {runs.Count} notebooks FAILED.");
        return string.Join(Environment.NewLine, lines);
    }
}
