using NotebookNet.Notebooks.Execution;

namespace NotebookNet.Notebooks;

/// <summary>
/// <c>check-homework FILE</c>: runs a student's notebook, then applies the homework checks.
/// </summary>
/// <remarks>
/// Hook for the homework: the checks themselves (what a submitted notebook must compute or show) are not written
/// yet. Until they are, this runs the notebook and says plainly that nothing beyond "it runs" was checked.
/// </remarks>
internal static class HomeworkCheck
{
    public static async Task<int> RunAsync(string notebookPath, RepositoryLayout repository, Func<string, string, Task<NotebookRun>> runner)
    {
        if (!File.Exists(notebookPath))
        {
            Console.Error.WriteLine($"check-homework: no notebook at '{Path.GetFullPath(notebookPath)}'.");
            return 2;
        }
        var run = await runner(notebookPath, Path.Combine(repository.Artifacts, "homework"));
        if (!run.Passed)
        {
            Console.WriteLine($"The notebook does not run to the end:\n{run.Message}");
            return 1;
        }
        Console.WriteLine($"The notebook runs to the end ({run.Elapsed.TotalSeconds:0.0} s); executed copy: {run.ExecutedNotebook}");
        Console.WriteLine("No homework checks are defined yet, so nothing beyond that was checked.");
        return 0;
    }
}
