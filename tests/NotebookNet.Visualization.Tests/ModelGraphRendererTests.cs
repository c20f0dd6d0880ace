using System.Xml.Linq;
using NotebookNet.Layers;
using NotebookNet.Losses;
using NotebookNet.Metrics;
using NotebookNet.Optimizers;

namespace NotebookNet.Visualization.Tests;

public sealed class ModelGraphRendererTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private static Sequential Convnet(bool compile = true)
    {
        var model = new Sequential(new Shape(28, 28, 1), "keras_io_convnet");
        model.Add(new Conv2D(32, 3, activation: "relu"));
        model.Add(new MaxPooling2D(2));
        model.Add(new Conv2D(64, 3, activation: "relu"));
        model.Add(new BatchNormalization());
        model.Add(new MaxPooling2D(2));
        model.Add(new Flatten());
        model.Add(new Dropout(0.5));
        model.Add(new Dense(10, activation: "softmax"));
        if (compile) model.Compile(new Adam(), Loss.CategoricalCrossEntropy, Metric.Accuracy);
        return model;
    }

    private static XDocument Parse(string svg) => XDocument.Parse(svg);   // throws unless well-formed XML

    private static List<string> Texts(XDocument doc) => doc.Descendants(Svg + "text").Select(t => t.Value).ToList();

    private static int Count(XDocument doc, string element, string cssClass) =>
        doc.Descendants(Svg + element).Count(e => (string?)e.Attribute("class") == cssClass);

    [Fact]
    public void The_svg_is_well_formed_with_one_box_per_layer_plus_input_and_loss_and_an_arrow_between_each()
    {
        var model = Convnet();
        var doc = Parse(ModelGraphRenderer.ToSvg(ModelGraph.From(model)));
        Assert.Equal("svg", doc.Root!.Name.LocalName);
        Assert.Equal(1, Count(doc, "rect", "nn-graph-input"));
        Assert.Equal(model.Layers.Count, Count(doc, "rect", "nn-graph-layer"));
        Assert.Equal(1, Count(doc, "rect", "nn-graph-loss"));
        Assert.Equal(model.Layers.Count + 1, Count(doc, "line", "nn-graph-forward"));
        Assert.Equal(0, Count(doc, "line", "nn-graph-backward"));
        Assert.Empty(doc.Descendants(Svg + "script"));
    }

    [Fact]
    public void Each_box_shows_the_type_the_shapes_and_the_parameter_count_the_library_computed()
    {
        var model = Convnet();
        var summary = model.Summary();
        var texts = Texts(Parse(ModelGraphRenderer.ToSvg(ModelGraph.From(model))));
        Assert.Contains("(None, 28, 28, 1)", texts);
        for (int i = 0; i < model.Layers.Count; i++)
        {
            var row = summary.Rows[i];
            Assert.Contains(texts, t => t.StartsWith($"{row.LayerName} ({row.TypeName}", StringComparison.Ordinal));
            Assert.Contains($"{model.Layers[i].InputShape.ToBatchString()} → {row.OutputShape.ToBatchString()}", texts);
        }
        Assert.Contains("conv2d (Conv2D, activation relu)", texts);
        Assert.Contains("params: 18,496", texts);                          // (3·3·32 + 1)·64
        Assert.Contains("params: 256 (128 non-trainable)", texts);         // BatchNormalization over 64 channels
        Assert.Contains("loss: categorical_crossentropy", texts);
    }

    [Fact]
    public void The_backward_pass_shows_the_gradient_shape_at_each_step_and_of_each_parameter()
    {
        var model = Convnet();
        var doc = Parse(ModelGraphRenderer.ToSvg(ModelGraph.From(model), backward: true));
        var texts = Texts(doc);
        Assert.Equal(model.Layers.Count, Count(doc, "line", "nn-graph-backward"));   // loss → last layer … → first layer
        foreach (var layer in model.Layers) Assert.Contains($"∂L/∂y {layer.OutputShape.ToBatchString()}", texts);
        Assert.Contains("∂L/∂kernel (3, 3, 32, 64) · ∂L/∂bias (64,)", texts);
        Assert.Contains("∂L/∂gamma (64,) · ∂L/∂beta (64,)", texts);
        Assert.Contains("∂L/∂kernel (1600, 10) · ∂L/∂bias (10,)", texts);
    }

    [Fact]
    public void Before_compile_the_graph_has_no_loss_box_and_says_where_the_backward_pass_starts()
    {
        var doc = Parse(ModelGraphRenderer.ToSvg(ModelGraph.From(Convnet(compile: false)), backward: true));
        Assert.Equal(0, Count(doc, "rect", "nn-graph-loss"));
        Assert.Contains(Texts(doc), t => t.Contains("compile the model", StringComparison.Ordinal));
    }

    [Fact]
    public void Names_are_escaped()
    {
        var model = new Sequential([new Dense(2, name: "a<b&c")], new Shape(3), "<script>alert(1)</script>");
        string svg = ModelGraphRenderer.ToSvg(ModelGraph.From(model));
        Assert.DoesNotContain("<script>", svg);
        Assert.Contains("a<b&c (Dense)", Texts(Parse(svg)));
    }

    [Fact]
    public void Show_graph_gives_html_with_the_inline_svg()
    {
        var figure = Show.Graph(Convnet(), backward: true);
        Assert.Null(figure.Png);
        Assert.StartsWith("<div class=\"nn-model-graph\"", figure.Html);
        Assert.Contains("<svg ", figure.Html);
        Assert.Contains("∂L/∂gamma", figure.Html);
    }
}
