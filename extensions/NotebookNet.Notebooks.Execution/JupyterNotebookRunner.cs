namespace NotebookNet.Notebooks.Execution;

/// <summary>
/// Runs a notebook headless through Jupyter (<c>jupyter nbconvert --execute</c>) with the project kernelspec,
/// saving the executed notebook and an HTML export.
/// </summary>
/// <param name="JupyterPath">The folder holding <c>kernels/&lt;name&gt;/kernel.json</c>, given to Jupyter as JUPYTER_PATH.</param>
/// <param name="KernelName">The kernelspec to run every notebook with, whatever its metadata says.</param>
/// <param name="CellTimeout">Longest time one cell may run.</param>
/// <param name="NotebookTimeout">Longest time the whole run may take (the process is killed then).</param>
public sealed record JupyterNotebookRunner(string JupyterPath, string KernelName, TimeSpan CellTimeout, TimeSpan NotebookTimeout)
{
    /// <summary>A runner with the project kernelspec, 10 minutes per cell and 30 per notebook.</summary>
    public static JupyterNotebookRunner ForKernelSpec(string jupyterPath) =>
        new(jupyterPath, KernelSpec.Name, TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(30));

    /// <summary>Keep executing after a cell fails (nbconvert's <c>--allow-errors</c>); the saved notebook then holds every
    /// error output and the run counts as passed. Used to grade homework, where each check cell is judged on its own.</summary>
    public bool AllowErrors { get; init; }

    /// <summary>Executes <paramref name="notebookPath"/>; writes <c>&lt;name&gt;.ipynb</c> and <c>&lt;name&gt;.html</c> into <paramref name="outputDirectory"/>.</summary>
    public async Task<NotebookRun> RunAsync(string notebookPath, string outputDirectory, Action<string>? echo = null)
    {
        string name = Path.GetFileNameWithoutExtension(notebookPath);
        string notebookFolder = Path.GetDirectoryName(Path.GetFullPath(notebookPath))!;
        Directory.CreateDirectory(outputDirectory);
        string executed = Path.Combine(Path.GetFullPath(outputDirectory), name + ".ipynb");
        string html = Path.Combine(Path.GetFullPath(outputDirectory), name + ".html");
        File.Delete(executed);
        File.Delete(html);

        // The kernel's working directory is the input notebook's folder, so relative paths in cells work as in class.
        var execute = await Jupyter(
            ["nbconvert", "--to", "notebook", "--execute",
             $"--ExecutePreprocessor.kernel_name={KernelName}",
             $"--ExecutePreprocessor.timeout={(int)CellTimeout.TotalSeconds}",
             "--output-dir", Path.GetDirectoryName(executed)!, "--output", name,
             .. (AllowErrors ? (string[])["--allow-errors"] : []),
             Path.GetFullPath(notebookPath)],
            notebookFolder, echo);
        if (!execute.Succeeded)
            return new NotebookRun(name, NotebookStatus.Failed, execute.Elapsed, null, null, FailureMessage(execute));

        var export = await Jupyter(["nbconvert", "--to", "html", "--output-dir", Path.GetDirectoryName(html)!, executed], notebookFolder, echo);
        return export.Succeeded
            ? new NotebookRun(name, NotebookStatus.Passed, execute.Elapsed, executed, html, null)
            : new NotebookRun(name, NotebookStatus.Failed, execute.Elapsed, executed, null, "HTML export failed:\n" + export.Tail());
    }

    private Task<ProcessResult> Jupyter(string[] arguments, string workingDirectory, Action<string>? echo) =>
        ProcessRunner.RunAsync("jupyter", arguments, workingDirectory, NotebookTimeout,
            new Dictionary<string, string?>(DotnetEnvironment.Quiet) { ["JUPYTER_PATH"] = JupyterPath }, echo);

    /// <summary>The failing cell and its error from nbconvert's output (the traceback above it is nbconvert's own).</summary>
    internal static string FailureMessage(ProcessResult result)
    {
        const string marker = "An error occurred while executing the following cell:";
        int at = result.Output.IndexOf(marker, StringComparison.Ordinal);
        return at >= 0 ? result.Output[at..].Trim() : result.Tail();
    }
}
