namespace NotebookNet.Interactive.Tests;

[Collection(NotebookCollection.Name)]
public sealed class JupyterEndToEndTests(NotebookHarness harness)
{
    /// <summary>The first cell every lecture notebook starts with.</summary>
    public const string FirstCell = "#r \"nuget: NotebookNet.Interactive, *-*\"";

    [SkippableFact]
    public async Task A_notebook_loads_the_freshly_packed_extension_and_saves_rich_and_live_outputs_and_training_progress()
    {
        harness.RequireJupyter();
        string notebook = TestNotebook.Write(Path.Combine(harness.NewScratchFolder(), "smoke.ipynb"),
            FirstCell,
            "using NotebookNet;\nnew Tensor(new float[] { 1, 2, 3, 4 }, 2, 2)",
            "var live = NotebookNet.Interactive.LiveDisplay.Start(\"<i>start</i>\", minInterval: TimeSpan.Zero);\nfor (int i = 1; i <= 3; i++) live.TryUpdate(() => $\"<b>step {i}</b>\");",
            "var model = new Sequential(new Shape(2), \"xor\", seed: 1);\nmodel.Add(new NotebookNet.Layers.Dense(1, activation: \"sigmoid\"));\n" +
            "model.Compile(new NotebookNet.Optimizers.Sgd(0.5), NotebookNet.Losses.Loss.BinaryCrossEntropy);\n" +
            "model.Fit(Tensor.FromRows([[0f, 1f], [1f, 1f]]), Tensor.FromRows([[1f], [0f]]), batchSize: 1, epochs: 2);");

        var run = await harness.RunAsync(notebook);

        Assert.True(run.Passed, run.Message);
        Assert.True(File.Exists(run.Html), "no HTML export");
        var outputs = TestNotebook.CodeCellOutputs(run.ExecutedNotebook!);
        var loadLines = outputs[0].Select(o => TestNotebook.Data(o, "text/plain")).ToArray();
        Assert.Contains($"NotebookNet {harness.PackedVersion} loaded: formatters for Tensor, Shape; live training progress.", loadLines);
        string? tensor = TestNotebook.Data(Assert.Single(outputs[1], o => (string?)o!["output_type"] == "execute_result"), "text/html");
        Assert.Contains("shape [2, 2]", tensor);
        Assert.Contains("<td>4</td>", tensor);
        var display = Assert.Single(outputs[2]);
        Assert.Equal("<b>step 3</b>", TestNotebook.Data(display, "text/html"));
        string? training = TestNotebook.Data(outputs[3].First(o => (string?)o!["output_type"] == "display_data"), "text/html");
        Assert.Contains("Trained 2 epochs.", training);
    }
}
