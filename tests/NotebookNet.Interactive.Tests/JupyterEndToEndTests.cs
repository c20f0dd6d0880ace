using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using StbImageSharp;

namespace NotebookNet.Interactive.Tests;

[Collection(NotebookCollection.Name)]
public sealed class JupyterEndToEndTests(NotebookHarness harness)
{
    /// <summary>The first cell every lecture notebook starts with.</summary>
    public const string FirstCell = "#r \"nuget: NotebookNet.Interactive, *-*\"";

    private static readonly byte[] PngSignature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

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
        Assert.Contains(loadLines, l => l is not null && l.StartsWith($"NotebookNet {harness.PackedVersion} loaded: formatters for Figure, Sequential,", StringComparison.Ordinal));
        string? tensor = TestNotebook.Data(Assert.Single(outputs[1], o => (string?)o!["output_type"] == "execute_result"), "text/html");
        Assert.Contains("Tensor [2, 2]", tensor);
        Assert.Matches(">4</td>", tensor!);
        var display = Assert.Single(outputs[2]);
        Assert.Equal("<b>step 3</b>", TestNotebook.Data(display, "text/html"));
        string? training = TestNotebook.Data(outputs[3].First(o => (string?)o!["output_type"] == "display_data"), "text/html");
        Assert.Contains("<b>Done</b>: 2 epochs", training);
    }

    [SkippableFact]
    public async Task A_notebook_saves_summaries_pictures_as_png_and_plotly_charts_with_svg_fallbacks()
    {
        harness.RequireJupyter();
        string notebook = TestNotebook.Write(Path.Combine(harness.NewScratchFolder(), "pictures.ipynb"),
            FirstCell,
            "# The keras.io MNIST convnet",
            FormatterTests.KerasConvnet + "\nconvnet",
            "# One picture: a diagonal line, 28×28 drawn 4× larger",
            "var digit = new Tensor(28, 28, 1);\nfor (int i = 0; i < 28; i++) digit[i, i, 0] = 1f;\nShow.Image(digit, \"a diagonal\", scale: 4)",
            "Show.Filters(convnet.Layers[0])",
            "# Training curves (Plotly, with static pictures where JavaScript does not run)",
            FormatterTests.TrainedXor + "\nhistory");

        var run = await harness.RunAsync(notebook);

        Assert.True(run.Passed, run.Message);
        var outputs = TestNotebook.CodeCellOutputs(run.ExecutedNotebook!);
        var all = outputs.SelectMany(o => o).ToArray();
        Assert.DoesNotContain(all, o => (string?)o!["output_type"] == "error");
        Assert.DoesNotContain(all, o => o!.ToJsonString().Contains("FileNotFoundException", StringComparison.Ordinal));
        Assert.DoesNotContain(all, o => o!.ToJsonString().Contains("could not display", StringComparison.Ordinal));

        var summary = Result(outputs[1]);
        Assert.Contains("Total params:</b> 34,826 (136.04 KB)", TestNotebook.Data(summary, "text/html"));
        Assert.Contains("Total params: 34,826 (136.04 KB)", TestNotebook.Data(summary, "text/plain"));

        var image = Result(outputs[2]);
        byte[] png = Convert.FromBase64String(TestNotebook.Data(image, "image/png")!);
        Assert.Equal(PngSignature, png[..8]);
        var decoded = ImageResult.FromMemory(png, ColorComponents.Grey);
        Assert.Equal((112, 112), (decoded.Width, decoded.Height));
        Assert.Equal(255, decoded.Data[10 * 4 * 112 + 10 * 4]);
        Assert.Equal(0, decoded.Data[10 * 4 * 112 + 20 * 4]);
        Assert.Contains("a diagonal", TestNotebook.Data(image, "text/html"));

        var filters = Result(outputs[3]);
        byte[] filterPng = Convert.FromBase64String(TestNotebook.Data(filters, "image/png")!);
        Assert.Equal(PngSignature, filterPng[..8]);
        Assert.True(ImageResult.FromMemory(filterPng, ColorComponents.RedGreenBlue).Width > 32, "the 32 filters are not in the picture");

        string charts = TestNotebook.Data(Result(outputs[4]), "text/html")!;
        Assert.Equal(3, Regex.Matches(charts, "<div id=\"nn-plot-[0-9a-f]{12}\"></div>").Count);
        Assert.Equal(3, Regex.Matches(charts, "<div id=\"nn-plot-[0-9a-f]{12}-static\"><svg").Count);
        Assert.Contains("Plotly.newPlot(", charts);
        Assert.Contains("\"data\":[{\"type\":\"scatter\"", charts);

        string html = await File.ReadAllTextAsync(run.Html!);
        Assert.Contains("Total params:</b> 34,826", html);
        Assert.Contains("a diagonal", html);
        Assert.Contains("-static\"><svg", html);
    }

    private static JsonNode Result(JsonArray cellOutputs) =>
        Assert.Single(cellOutputs, o => (string?)o!["output_type"] == "execute_result")!;
}
