using NotebookNet.Notebooks.Execution;

namespace NotebookNet.Interactive.Tests;

[Collection(KernelCollection.Name)]
public sealed class EmbeddedNotebookRunnerTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("notebooknet-embedded-").FullName;
    private readonly EmbeddedNotebookRunner _runner = new(LocalFeed: null, CellTimeout: TimeSpan.FromMinutes(2));

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Cells_run_in_order_in_the_notebooks_folder_and_their_outputs_are_saved()
    {
        File.WriteAllText(Path.Combine(_folder, "data.txt"), "from the notebook's folder");
        string notebook = TestNotebook.Write(Path.Combine(_folder, "in", "..", "simple.ipynb"),
            "# A title",
            "Console.WriteLine(System.IO.File.ReadAllText(\"data.txt\"));",
            "var answer = 40 + 2;\nanswer",
            "var shown = Microsoft.DotNet.Interactive.KernelInvocationContextExtensions.Display(Microsoft.DotNet.Interactive.KernelInvocationContext.Current, \"first\", \"text/plain\");\nshown.Update(\"second\");");

        var run = await _runner.RunAsync(notebook, Path.Combine(_folder, "out"));

        Assert.True(run.Passed, run.Message);
        Assert.Equal(Path.Combine(_folder, "out", "simple.ipynb"), run.ExecutedNotebook);
        var outputs = TestNotebook.CodeCellOutputs(run.ExecutedNotebook!);
        Assert.Equal(3, outputs.Count);
        Assert.Equal("from the notebook's folder", TestNotebook.StreamText(Assert.Single(outputs[0]))?.Trim());
        Assert.Contains("<pre>42</pre>", TestNotebook.Data(Assert.Single(outputs[1]), "text/html"));
        Assert.Equal("second", TestNotebook.Data(Assert.Single(outputs[2]), "text/plain"));
    }

    [Fact]
    public async Task A_failing_cell_stops_the_run_and_is_reported_with_its_code_and_error()
    {
        string notebook = TestNotebook.Write(Path.Combine(_folder, "failing.ipynb"),
            "var weights = 3;",
            "throw new InvalidOperationException(\"bad weights\");",
            "Console.WriteLine(\"never\");");

        var run = await _runner.RunAsync(notebook, Path.Combine(_folder, "out"));

        Assert.Equal(NotebookStatus.Failed, run.Status);
        Assert.Contains("Cell 2 failed", run.Message);
        Assert.Contains("throw new InvalidOperationException", run.Message);
        Assert.Contains("bad weights", run.Message);
        var outputs = TestNotebook.CodeCellOutputs(run.ExecutedNotebook!);
        Assert.Contains("bad weights", outputs[1].ToJsonString());
        Assert.Empty(outputs[2]);
    }
}
