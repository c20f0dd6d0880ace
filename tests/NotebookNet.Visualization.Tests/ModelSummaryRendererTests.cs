namespace NotebookNet.Visualization.Tests;

public sealed class ModelSummaryRendererTests
{
    /// <summary>The keras.io "Simple MNIST convnet" (its summary lists 34,826 parameters).</summary>
    internal static ModelSummary KerasConvnet() => new("sequential", new Shape(28, 28, 1),
    [
        new LayerSummary("conv2d", "Conv2D", new Shape(26, 26, 32), 320, "(3·3·1 + 1)·32 = 320"),
        new LayerSummary("max_pooling2d", "MaxPooling2D", new Shape(13, 13, 32), 0, "0"),
        new LayerSummary("conv2d_1", "Conv2D", new Shape(11, 11, 64), 18_496, "(3·3·32 + 1)·64 = 18,496"),
        new LayerSummary("max_pooling2d_1", "MaxPooling2D", new Shape(5, 5, 64), 0, "0"),
        new LayerSummary("flatten", "Flatten", new Shape(1600), 0, "0"),
        new LayerSummary("dropout", "Dropout", new Shape(1600), 0, "0"),
        new LayerSummary("dense", "Dense", new Shape(10), 16_010, "(1600 + 1)·10 = 16,010"),
    ]);

    [Fact]
    public void Html_shows_the_keras_convnet_total_with_thousands_separators_and_its_size()
    {
        string html = ModelSummaryRenderer.ToHtml(KerasConvnet());

        Assert.Contains("Total params:</b> 34,826 (136.04 KB)", html);
        Assert.Contains("Trainable params:</b> 34,826 (136.04 KB)", html);
        Assert.Contains("Non-trainable params:</b> 0 (0.00 B)", html);
    }

    [Fact]
    public void Html_has_one_row_per_layer_with_shape_count_and_formula()
    {
        string html = ModelSummaryRenderer.ToHtml(KerasConvnet());

        Assert.Equal(7, CountOf(html, "<tr style=\"") - 1); // minus the header row
        Assert.Contains("(None, 26, 26, 32)", html);
        Assert.Contains(">18,496<", html);
        Assert.Contains("(3·3·32 + 1)·64 = 18,496", html);
        Assert.Contains("(None, 1600)", html);
    }

    [Fact]
    public void Html_bars_show_each_layers_share_of_the_weights()
    {
        string html = ModelSummaryRenderer.ToHtml(KerasConvnet());

        // dense: 16,010 / 34,826 = 45.97 %; conv2d_1: 18,496 / 34,826 = 53.11 %; conv2d: 0.92 %.
        Assert.Contains(">46.0%<", html);
        Assert.Contains(">53.1%<", html);
        Assert.Contains(">0.9%<", html);
        Assert.Equal(3, CountOf(html, "title=\""));   // a bar only for layers with weights
    }

    [Fact]
    public void Html_counts_batch_normalizations_moving_statistics_as_non_trainable()
    {
        var model = new Sequential(new Shape(8, 8, 1));
        model.Add(new NotebookNet.Layers.Conv2D(16, 3));
        model.Add(new NotebookNet.Layers.BatchNormalization());
        string html = ModelSummaryRenderer.ToHtml(model.Summary());
        Assert.Contains("Total params:</b> 224 (896.00 B)", html);            // (3·3·1 + 1)·16 + 4·16
        Assert.Contains("Trainable params:</b> 192 (768.00 B)", html);
        Assert.Contains("Non-trainable params:</b> 32 (128.00 B)", html);     // moving mean and variance, 16 each
    }

    [Fact]
    public void Html_escapes_layer_names()
    {
        var summary = new ModelSummary("<script>", new Shape(2), [new LayerSummary("a<b", "Dense", new Shape(1), 3, "(2 + 1)·1 = 3")]);

        string html = ModelSummaryRenderer.ToHtml(summary);

        Assert.DoesNotContain("<script>", html);
        Assert.Contains("&lt;script&gt;", html);
        Assert.Contains("a&lt;b", html);
    }

    [Fact]
    public void Text_lists_every_layer_and_the_keras_totals()
    {
        string text = ModelSummaryRenderer.ToText(KerasConvnet());

        string[] lines = text.Split('\n');
        Assert.Contains(lines, l => l.StartsWith("dense (Dense)") && l.Contains("(None, 10)") && l.Contains("16,010") && l.Contains("46.0%"));
        Assert.Contains("Total params: 34,826 (136.04 KB)", text);
        Assert.Contains("Non-trainable params: 0 (0.00 B)", text);
    }

    [Theory]
    [InlineData(0.0, 10, "")]
    [InlineData(1.0, 4, "████")]
    [InlineData(0.5, 4, "██")]
    [InlineData(0.0625, 2, "▏")]
    public void Text_bars_fill_in_eighths_of_a_character(double fraction, int width, string expected)
    {
        Assert.Equal(expected, ModelSummaryRenderer.TextBar(fraction, width));
    }

    private static int CountOf(string s, string sub)
    {
        int n = 0;
        for (int i = s.IndexOf(sub, StringComparison.Ordinal); i >= 0; i = s.IndexOf(sub, i + 1, StringComparison.Ordinal)) n++;
        return n;
    }
}
