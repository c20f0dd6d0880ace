using NotebookNet.Data;
using NotebookNet.Layers;
using NotebookNet.Losses;
using NotebookNet.Metrics;
using NotebookNet.Optimizers;

namespace NotebookNet.Visualization.Tests;

public sealed class ShowTests
{
    private static Sequential SmallConvnet()
    {
        var model = new Sequential(new Shape(28, 28, 1));
        model.Add(new Conv2D(8, 3, activation: "relu"));
        model.Add(new MaxPooling2D(2));
        model.Add(new Flatten());
        model.Add(new Dense(10, "softmax"));
        model.Compile(new Adam(), Loss.CategoricalCrossEntropy, Metric.Accuracy);
        return model;
    }

    [Fact]
    public void Summary_shows_the_models_total()
    {
        // conv: (3·3·1 + 1)·8 = 80; dense: (13·13·8 + 1)·10 = 13,530.
        Assert.Contains("Total params:</b> 13,610", Show.Summary(SmallConvnet()).Html);
    }

    [Fact]
    public void Image_of_a_real_digit_comes_with_its_png()
    {
        var digit = Mnist.Load(trainCount: 1, testCount: 1).Test.Image(0);

        var figure = Show.Image(digit, "test 0");

        var png = Decoded.Png(figure.Png!);
        Assert.Equal((224, 224), (png.Width, png.Height));
        Assert.Contains("test 0", figure.Html);
    }

    [Fact]
    public void Filters_of_a_conv_layer_and_a_clear_error_for_other_layers()
    {
        var model = SmallConvnet();

        var figure = Show.Filters(model.Layers[0]);
        var e = Assert.Throws<ArgumentException>(() => Show.Filters(model.Layers[3]));

        Assert.NotNull(figure.Png);
        Assert.Contains("8 filters of 3×3×1", figure.Html);
        Assert.Contains("is a Dense", e.Message);
    }

    [Fact]
    public void Feature_maps_of_the_first_layer_for_one_digit()
    {
        var model = SmallConvnet();
        var digit = Mnist.Load(trainCount: 1, testCount: 1).Test.Image(0);

        var figure = Show.FeatureMaps(model, digit, 0);

        var svg = Assert.Single(Decoded.InlineSvgs(figure.Html));
        Assert.Equal(8, svg.Descendants(Decoded.SvgNs + "text").Count(t => t.Value.StartsWith("ch ")));
        Assert.Contains("8 channels of 26×26", figure.Html);
    }

    [Fact]
    public void Table_formats_counts_with_separators()
    {
        var figure = Show.Table(["model", "weights"], [["dense", 1_010_303], ["shared", 16_553L]]);

        Assert.Contains(">1,010,303<", figure.Html);
        Assert.Contains(">16,553<", figure.Html);
        Assert.Throws<ArgumentException>(() => Show.Table(["a", "b"], [["only one"]]));
    }

    [Fact]
    public void Row_puts_every_figure_side_by_side()
    {
        var a = Show.Table(["a"], [["first"]]);
        var b = Show.Table(["b"], [["second"]]);
        var row = Show.Row(a, b);
        Assert.Contains("display:flex", row.Html);
        Assert.True(row.Html.IndexOf("first", StringComparison.Ordinal) < row.Html.IndexOf("second", StringComparison.Ordinal));
    }

    [Fact]
    public void Curve_draws_each_series_and_rejects_mismatched_lengths()
    {
        double[] xs = [0, 1, 2, 3];
        var figure = Show.Curve("sin and fit", ("sin", xs, xs.Select(Math.Sin).ToArray()), ("fit", xs, [0, 0.8, 0.9, 0.1]));
        var svg = Assert.Single(Decoded.InlineSvgs(figure.Html));
        Assert.Contains(svg.Descendants(Decoded.SvgNs + "text"), t => t.Value == "sin");
        Assert.Contains(svg.Descendants(Decoded.SvgNs + "text"), t => t.Value == "fit");
        var e = Assert.Throws<ArgumentException>(() => Show.Curve("bad", ("short", xs, [1.0])));
        Assert.Contains("'short' has 4 x values and 1 y values", e.Message);
    }

    [Fact]
    public void A_diverging_descent_path_is_clipped_to_the_plot()
    {
        var path = NotebookNet.Neurons.GradientDescent.Minimize((x, y) => x * x + 10 * y * y, (4, 1), learningRate: 0.105, steps: 30);
        var figure = Show.GradientDescent((x, y) => x * x + 10 * y * y, path, (-5, 5), (-2, 2));
        var svg = Assert.Single(Decoded.InlineSvgs(figure.Html));
        var clipped = svg.Descendants(Decoded.SvgNs + "g").Single(g => g.Attribute("clip-path") is not null);
        Assert.NotEmpty(clipped.Descendants(Decoded.SvgNs + "circle"));   // the steps are drawn inside the clipped group
    }
}
