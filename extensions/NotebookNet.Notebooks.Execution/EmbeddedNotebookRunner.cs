using System.Diagnostics;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.Documents;
using Microsoft.DotNet.Interactive.Documents.Jupyter;
using Microsoft.DotNet.Interactive.Events;

namespace NotebookNet.Notebooks.Execution;

/// <summary>
/// Runs a notebook's C# cells in this process (<see cref="InProcessKernel"/>) and saves it with outputs, for machines
/// without Jupyter and for tests. Not the real kernel: no HTML export, no HTTP/JavaScript, C# cells only.
/// </summary>
/// <remarks>
/// Sets the process's current directory to the notebook's folder while it runs (as Jupyter does for its kernel),
/// so runs must not overlap.
/// </remarks>
/// <param name="LocalFeed">A NuGet feed folder (absolute) added before the first cell with <c>#i "nuget: ..."</c>, or null.</param>
/// <param name="CellTimeout">Longest time one cell may run before it is cancelled and the run fails.</param>
public sealed record EmbeddedNotebookRunner(string? LocalFeed, TimeSpan CellTimeout)
{
    private static readonly KernelInfoCollection Kernels = CreateKernelInfos();

    /// <summary>Executes <paramref name="notebookPath"/>; writes <c>&lt;name&gt;.ipynb</c> with outputs into <paramref name="outputDirectory"/>.</summary>
    public async Task<NotebookRun> RunAsync(string notebookPath, string outputDirectory)
    {
        string name = Path.GetFileNameWithoutExtension(notebookPath);
        var clock = Stopwatch.StartNew();
        InteractiveDocument document;
        await using (var input = File.OpenRead(notebookPath))
            document = Notebook.Read(input, Kernels);

        string? failure = await ExecuteAsync(document, Path.GetDirectoryName(Path.GetFullPath(notebookPath))!);

        Directory.CreateDirectory(outputDirectory);
        string executed = Path.Combine(Path.GetFullPath(outputDirectory), name + ".ipynb");
        await using (var output = File.Create(executed))
            Notebook.Write(document, output, Kernels);
        return new NotebookRun(name, failure is null ? NotebookStatus.Passed : NotebookStatus.Failed, clock.Elapsed, executed, null, failure);
    }

    /// <summary>Runs the code cells in order, filling their outputs; returns why it stopped early, or null.</summary>
    public async Task<string?> ExecuteAsync(InteractiveDocument document, string workingDirectory)
    {
        string previousDirectory = Environment.CurrentDirectory;
        Environment.CurrentDirectory = workingDirectory;
        try
        {
            using var kernel = InProcessKernel.Create();
            if (LocalFeed is not null)
            {
                var source = await kernel.SendAsync(new SubmitCode($"#i \"nuget: {LocalFeed}\""));
                if (source.Events.OfType<CommandFailed>().FirstOrDefault() is { } failed)
                    return $"Could not add the local feed {LocalFeed}: {failed.Message}";
            }

            int order = 0;
            foreach (var cell in document.Elements.Where(IsCode))
            {
                cell.Outputs.Clear();
                cell.ExecutionOrder = ++order;
                string? failure = await RunCellAsync(kernel, cell);
                if (failure is not null)
                    return $"Cell {order} failed:\n{cell.Contents}\n---\n{failure}";
            }
            return null;
        }
        finally
        {
            Environment.CurrentDirectory = previousDirectory;
        }
    }

    private async Task<string?> RunCellAsync(Kernel kernel, InteractiveDocumentElement cell)
    {
        var outputs = new CellOutputs(cell);
        using var subscription = kernel.KernelEvents.Subscribe(outputs.Add);
        var run = kernel.SendAsync(new SubmitCode(cell.Contents));
        if (await Task.WhenAny(run, Task.Delay(CellTimeout)) != run)
        {
            await kernel.SendAsync(new Cancel());
            return $"timed out after {CellTimeout.TotalSeconds:0} s (cancelled)";
        }
        var result = await run;
        return result.Events.OfType<CommandFailed>().FirstOrDefault(f => f.Command == result.Command) is { } failed
            ? failed.Message
            : null;
    }

    private static bool IsCode(InteractiveDocumentElement cell) =>
        cell.KernelName is "csharp" or "C#" or "c#" or null && !string.IsNullOrWhiteSpace(cell.Contents);

    private static KernelInfoCollection CreateKernelInfos()
    {
        var kernels = new KernelInfoCollection { new Microsoft.DotNet.Interactive.Documents.KernelInfo("csharp", "C#", ["c#", "C#"]) };
        kernels.DefaultKernelName = "csharp";
        return kernels;
    }
}
