using System.Text.RegularExpressions;
using Microsoft.DotNet.Interactive.Events;
using StbImageSharp;

namespace NotebookNet.Interactive.Tests;

/// <summary>A type whose formatter always fails, to see what a student would see.</summary>
public sealed class Unrenderable
{
    /// <summary>Registers the failing formatter.</summary>
    public static void RegisterFailingFormatter() =>
        SafeFormatterAccess.Register<Unrenderable>("text/html", _ => throw new InvalidOperationException("the image has 0 pixels"));
}

/// <summary>Gives scripts access to the internal SafeFormatter.</summary>
public static class SafeFormatterAccess
{
    /// <summary>Same as SafeFormatter.Register.</summary>
    public static void Register<T>(string mimeType, Func<T, string> render) => SafeFormatter.Register(mimeType, render);
}

[Collection(KernelCollection.Name)]
public sealed class FormatterTests
{
    /// <summary>The keras.io "Simple MNIST convnet"; its Keras summary lists 34,826 parameters.</summary>
    public const string KerasConvnet = """
        using NotebookNet;
        using NotebookNet.Layers;
        using NotebookNet.Visualization;
        var convnet = new Sequential(new Shape(28, 28, 1), "mnist_convnet");
        convnet.Add(new Conv2D(32, 3, activation: "relu"));
        convnet.Add(new MaxPooling2D(2));
        convnet.Add(new Conv2D(64, 3, activation: "relu"));
        convnet.Add(new MaxPooling2D(2));
        convnet.Add(new Flatten());
        convnet.Add(new Dropout(0.5));
        convnet.Add(new Dense(10, activation: "softmax"));
        """;

    /// <summary>A two-input model trained for two epochs with validation, and its History.</summary>
    public const string TrainedXor = """
        using NotebookNet;
        using NotebookNet.Layers;
        using NotebookNet.Losses;
        using NotebookNet.Metrics;
        using NotebookNet.Optimizers;
        var x = Tensor.FromRows([[0f, 0f], [0f, 1f], [1f, 0f], [1f, 1f]]);
        var y = Tensor.FromRows([[0f], [1f], [1f], [0f]]);
        var xor = new Sequential(new Shape(2), "xor", seed: 1);
        xor.Add(new Dense(4, activation: "tanh"));
        xor.Add(new Dense(1, activation: "sigmoid"));
        xor.Compile(new Sgd(0.5), Loss.BinaryCrossEntropy, Metric.Accuracy);
        var history = xor.Fit(x, y, batchSize: 2, epochs: 3, validationData: (x, y));
        """;

    private static string[] MimeTypes(IReadOnlyList<KernelEvent> events) =>
        TestKernel.ReturnedMimeTypes(events).Select(v => v.MimeType).Order(StringComparer.Ordinal).ToArray();

    [Fact]
    public async Task A_model_shows_its_summary_with_the_keras_parameter_count_as_html_and_text()
    {
        using var kernel = await TestKernel.StartAsync();

        var events = await kernel.SubmitAsync(KerasConvnet + "\nconvnet");

        Assert.Equal(["text/html", "text/plain"], MimeTypes(events));
        string html = TestKernel.ReturnValue(events, "text/html");
        Assert.Contains("class=\"nn-model-summary\"", html);
        Assert.Contains("Total params:</b> 34,826 (136.04 KB)", html);
        Assert.Contains("(3·3·1 + 1)·32 = 320", html);
        string text = TestKernel.ReturnValue(events, "text/plain");
        Assert.Contains("Total params: 34,826 (136.04 KB)", text);
        Assert.Contains("dense (Dense)", text);
    }

    [Fact]
    public async Task A_model_summary_value_renders_like_the_model()
    {
        using var kernel = await TestKernel.StartAsync();

        var events = await kernel.SubmitAsync(KerasConvnet + "\nconvnet.Summary()");

        Assert.Contains("Total params:</b> 34,826", TestKernel.ReturnValue(events, "text/html"));
        Assert.Contains("Total params: 34,826", TestKernel.ReturnValue(events, "text/plain"));
    }

    [Fact]
    public async Task A_history_shows_plotly_charts_with_static_svg_copies_and_its_epochs_as_text()
    {
        using var kernel = await TestKernel.StartAsync();

        var events = await kernel.SubmitAsync(TrainedXor + "\nhistory");

        string html = TestKernel.ReturnValue(events, "text/html");
        Assert.Contains("class=\"nn-training-charts\"", html);
        // loss, accuracy and per-batch loss: each a Plotly div with its figure JSON and an SVG fallback.
        Assert.Equal(3, Regex.Matches(html, "<div id=\"nn-plot-[0-9a-f]{12}\"></div>").Count);
        Assert.Equal(3, Regex.Matches(html, "<div id=\"nn-plot-[0-9a-f]{12}-static\"><svg").Count);
        Assert.Contains("Plotly.newPlot(", html);
        Assert.Contains("https://cdn.plot.ly/plotly-", html);
        Assert.Contains("\"name\":\"val_loss\"", html);
        string text = TestKernel.ReturnValue(events, "text/plain");
        Assert.Equal(3, Regex.Matches(text, @"^Epoch \d - .* - loss: \d\.\d{4} - accuracy: ", RegexOptions.Multiline).Count);
    }

    [Fact]
    public async Task A_figure_with_a_picture_is_one_output_with_html_png_and_text()
    {
        using var kernel = await TestKernel.StartAsync();

        var events = await kernel.SubmitAsync("""
            var digit = new NotebookNet.Tensor(28, 28, 1);
            for (int i = 0; i < 28; i++) digit[i, i, 0] = 1f;
            NotebookNet.Visualization.Show.Image(digit, "a diagonal", scale: 4)
            """);

        Assert.Single(events.OfType<ReturnValueProduced>());
        Assert.Equal(["image/png", "text/html", "text/plain"], MimeTypes(events));
        var png = ImageResult.FromMemory(Convert.FromBase64String(TestKernel.ReturnValue(events, "image/png")), ColorComponents.Grey);
        Assert.Equal((112, 112), (png.Width, png.Height));
        Assert.Equal(255, png.Data[5 * 4 * 112 + 5 * 4]);   // on the diagonal: white
        Assert.Equal(0, png.Data[5 * 4 * 112 + 20 * 4]);    // off it: black
        Assert.Contains("a diagonal", TestKernel.ReturnValue(events, "text/html"));
        Assert.StartsWith("Figure (HTML, PNG ", TestKernel.ReturnValue(events, "text/plain"));
    }

    [Fact]
    public async Task A_figure_without_a_picture_offers_no_empty_png()
    {
        using var kernel = await TestKernel.StartAsync();

        var events = await kernel.SubmitAsync(KerasConvnet + "\nShow.Summary(convnet)");

        Assert.Equal(["text/html", "text/plain"], MimeTypes(events));
        Assert.Contains("34,826", TestKernel.ReturnValue(events, "text/html"));
    }

    [Fact]
    public async Task A_tensor_shows_its_shape_statistics_and_values()
    {
        using var kernel = await TestKernel.StartAsync();

        var events = await kernel.SubmitAsync("using NotebookNet;\nnew Tensor(new float[] { 1, 2, 3, 4, 5, 6 }, 2, 3)");

        string html = TestKernel.ReturnValue(events, "text/html");
        Assert.Contains("class=\"nn-tensor\"", html);
        Assert.Contains("Tensor [2, 3]", html);
        Assert.Contains("6 values · min 1 · max 6 · mean 3.5", html);
        Assert.Matches(">6</td>", html);
        Assert.Equal("Tensor [2, 3]", TestKernel.ReturnValue(events, "text/plain"));
    }

    [Fact]
    public async Task A_tensor_of_images_shows_them_as_pictures()
    {
        using var kernel = await TestKernel.StartAsync();

        var events = await kernel.SubmitAsync("new NotebookNet.Tensor(3, 28, 28, 1)");

        string html = TestKernel.ReturnValue(events, "text/html");
        Assert.Equal(3, Regex.Matches(html, "<img [^>]*src=\"data:image/png;base64,").Count);
    }

    [Fact]
    public async Task A_shape_shows_as_a_keras_tuple()
    {
        using var kernel = await TestKernel.StartAsync();

        var events = await kernel.SubmitAsync("new NotebookNet.Shape(28, 28, 1)");

        Assert.Contains(">(28, 28, 1)</span>", TestKernel.ReturnValue(events, "text/html"));
        Assert.Equal("(28, 28, 1)", TestKernel.ReturnValue(events, "text/plain"));
    }

    [Fact]
    public async Task A_built_conv_layer_shows_its_filters_and_other_layers_one_line()
    {
        using var kernel = await TestKernel.StartAsync();
        await kernel.SubmitAsync(KerasConvnet + "\nconvnet.Summary();");

        string conv = TestKernel.ReturnValue(await kernel.SubmitAsync("convnet.Layers[0]"), "text/html");
        string dense = TestKernel.ReturnValue(await kernel.SubmitAsync("convnet.Layers[^1]"), "text/plain");
        string unbuilt = TestKernel.ReturnValue(await kernel.SubmitAsync("new Conv2D(8, 3)"), "text/html");

        Assert.Contains("class=\"nn-filter-grid\"", conv);
        Assert.Contains("32 filters of 3×3×1", conv);
        Assert.Equal("dense (Dense) · output (None, 10) · params (1600 + 1)·10 = 16,010", dense);
        Assert.Contains("not built yet", unbuilt);
    }

    [Fact]
    public async Task An_evaluation_and_a_perceptron_run_show_one_line()
    {
        using var kernel = await TestKernel.StartAsync();
        await kernel.SubmitAsync(TrainedXor);

        string evaluation = TestKernel.ReturnValue(await kernel.SubmitAsync("xor.Evaluate(x, y)"), "text/html");
        string perceptron = TestKernel.ReturnValue(await kernel.SubmitAsync("""
            new NotebookNet.Neurons.Perceptron(2).Train(x, [0, 0, 0, 1], epochs: 50)
            """), "text/plain");

        Assert.Matches(@">loss: \d\.\d{4} - accuracy: \d\.\d{4}</span>$", evaluation);
        Assert.Matches(@"^Converged after \d+ epochs; mistakes per epoch: (\d+, )+0$", perceptron);
    }

    [Fact]
    public async Task Without_the_extension_a_tensor_gets_the_kernels_default_html()
    {
        using var kernel = await TestKernel.StartAsync(loadExtension: false);

        var events = await kernel.SubmitAsync("new NotebookNet.Tensor(2, 3)");

        Assert.DoesNotContain("nn-tensor", TestKernel.ReturnValue(events, "text/html"));
    }

    [Fact]
    public async Task A_renderer_that_throws_shows_a_readable_message_and_the_kernel_keeps_working()
    {
        using var kernel = await TestKernel.StartAsync();
        await kernel.SubmitAsync("NotebookNet.Interactive.Tests.Unrenderable.RegisterFailingFormatter();");

        var events = await kernel.SubmitAsync("new NotebookNet.Interactive.Tests.Unrenderable()");

        Assert.Contains(
            "NotebookNet could not display this Unrenderable: InvalidOperationException: the image has 0 pixels",
            TestKernel.ReturnValue(events, "text/html"));
        Assert.Contains("<pre>3</pre>", TestKernel.ReturnValue(await kernel.SubmitAsync("1 + 2"), "text/html"));
    }

    [Fact]
    public async Task A_model_whose_shapes_do_not_fit_says_why_instead_of_a_summary()
    {
        using var kernel = await TestKernel.StartAsync();

        var events = await kernel.SubmitAsync("""
            var broken = new NotebookNet.Sequential(new NotebookNet.Shape(28, 28, 1), "broken");
            broken.Add(new NotebookNet.Layers.Dense(10));
            broken.Add(new NotebookNet.Layers.Conv2D(8, 3));
            broken
            """);

        Assert.Contains("NotebookNet could not display this Sequential: ", TestKernel.ReturnValue(events, "text/html"));
        Assert.StartsWith("NotebookNet could not display this Sequential: ", TestKernel.ReturnValue(events, "text/plain"));
    }

    [Fact]
    public async Task Loading_the_extension_in_a_cell_prints_one_line_with_the_version_and_the_types()
    {
        using var kernel = await TestKernel.StartAsync(loadExtension: false);

        var events = await kernel.SubmitAsync(
            "await new NotebookNet.Interactive.NotebookNetKernelExtension().OnLoadAsync(Microsoft.DotNet.Interactive.Kernel.Root);");

        Assert.DoesNotContain(events, e => e is CommandFailed);
        var line = Assert.Single(events.OfType<DisplayedValueProduced>());
        string text = Assert.Single(line.FormattedValues).Value;
        Assert.Equal($"NotebookNet {NotebookNetKernelExtension.Version} loaded: formatters for Figure, Sequential, ModelSummary, History, " +
                     "Tensor, Shape, Layer, Evaluation, PerceptronTraining, ConfusionMatrix; live training progress.", text);
        Assert.DoesNotContain("\n", text);
    }
}
