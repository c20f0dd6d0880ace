using NotebookNet.Visualization.Internal;
using static NotebookNet.Visualization.Internal.Format;

namespace NotebookNet.Visualization;

/// <summary>
/// Draws a <see cref="ModelGraph"/> as SVG, like Keras's <c>plot_model(show_shapes=True)</c>: one box per layer with its
/// type, input and output shapes and parameter count, joined by arrows for the forward pass, from the input down to the
/// loss. With <c>backward: true</c> a second column shows the backward pass: the gradient of the loss flowing back up,
/// with its shape at each step (∂L/∂y of every layer's output), and next to each layer the gradients of its
/// parameters, each shaped like the parameter. Plain SVG: no script, renders in every notebook front end.
/// </summary>
/// <example><code>
/// string svg = ModelGraphRenderer.ToSvg(ModelGraph.From(model), backward: true);
/// </code></example>
public static class ModelGraphRenderer
{
    private const double Margin = 16, BoxWidth = 330, BoxHeight = 58, SmallBoxHeight = 40, Gap = 34, TitleHeight = 44;
    private const double BackwardWidth = 330;
    private static readonly string LayerFill = "#eef4fb", InputFill = "#f3f3f3", LossFill = "#fdf0e6";

    /// <summary>The graph as a standalone SVG document.</summary>
    public static string ToSvg(ModelGraph graph, bool backward = false)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var boxes = Boxes(graph);
        double height = TitleHeight + boxes.Sum(b => b.Height) + Gap * (boxes.Count - 1) + Margin;
        double width = Margin * 2 + BoxWidth + (backward ? BackwardWidth : 0);
        var svg = new SvgWriter(width, height, $"Computation graph of {graph.ModelName}");
        svg.Text(Margin, 20, $"Computation graph of \"{graph.ModelName}\"", size: 14, weight: "600");
        svg.Text(Margin, 36, backward
            ? "forward pass top to bottom (black); backward pass bottom to top (red): ∂L/∂ of each output and parameter"
            : "forward pass, top to bottom: each layer's output is the next layer's input", size: 11, fill: Palette.MutedInk.Hex);

        double y = TitleHeight;
        var tops = new List<double>();
        foreach (var box in boxes)
        {
            tops.Add(y);
            DrawBox(svg, box, Margin, y);
            y += box.Height + Gap;
        }
        for (int i = 0; i + 1 < boxes.Count; i++)
        {
            double from = tops[i] + boxes[i].Height, to = tops[i + 1];
            double x = Margin + BoxWidth / 2;
            Arrow(svg, x, from, x, to, Palette.Ink.Hex, "forward");
        }
        if (backward) DrawBackward(svg, graph, boxes, tops);
        return svg.ToString();
    }

    /// <summary>The SVG inside a card, for a notebook cell.</summary>
    public static string ToHtml(ModelGraph graph, bool backward = false) =>
        $"<div class=\"nn-model-graph\" style=\"{Html.Card()}\">{ToSvg(graph, backward)}</div>";

    private enum Kind { Input, Layer, Loss }

    private sealed record Box(Kind Kind, string Title, string[] Lines, double Height, GraphLayer? Layer);

    private static List<Box> Boxes(ModelGraph graph)
    {
        var boxes = new List<Box> { new(Kind.Input, "input (InputLayer)", [graph.InputShape.ToBatchString()], SmallBoxHeight, null) };
        foreach (var l in graph.Layers)
        {
            string type = l.Activation is null ? l.TypeName : $"{l.TypeName}, activation {l.Activation}";
            string parameters = l.NonTrainableCount > 0
                ? $"params: {Count(l.ParameterCount)} ({Count(l.NonTrainableCount)} non-trainable)"
                : $"params: {Count(l.ParameterCount)}";
            boxes.Add(new(Kind.Layer, $"{l.Name} ({type})",
                [$"{l.InputShape.ToBatchString()} → {l.OutputShape.ToBatchString()}", parameters], BoxHeight, l));
        }
        if (graph.Loss is not null)
            boxes.Add(new(Kind.Loss, $"loss: {graph.Loss}", [$"optimizer: {graph.Optimizer}"], SmallBoxHeight, null));
        return boxes;
    }

    private static void DrawBox(SvgWriter svg, Box box, double x, double y)
    {
        string fill = box.Kind switch { Kind.Input => InputFill, Kind.Loss => LossFill, _ => LayerFill };
        svg.Rect(x, y, BoxWidth, box.Height, fill, Palette.Ink.Hex, 1, $"rx=\"6\" class=\"nn-graph-{box.Kind.ToString().ToLowerInvariant()}\"");
        svg.Text(x + 10, y + 17, box.Title, size: 12.5, weight: "600");
        for (int i = 0; i < box.Lines.Length; i++) svg.Text(x + 10, y + 33 + 15 * i, box.Lines[i], size: 11.5);
    }

    // From the loss up to the first layer: ∂L/∂(output of layer i) enters layer i from below, shaped like that output;
    // beside each layer with weights, the gradient of each parameter, shaped like the parameter.
    private static void DrawBackward(SvgWriter svg, ModelGraph graph, List<Box> boxes, List<double> tops)
    {
        string red = Palette.Alert.Hex;
        double x = Margin + BoxWidth + 26;
        for (int i = boxes.Count - 1; i >= 1; i--)
        {
            var upper = boxes[i - 1];
            if (upper.Kind != Kind.Layer) continue;     // the input needs no gradient to train the model
            double from = tops[i] + (boxes[i].Kind == Kind.Loss ? boxes[i].Height / 2 : 6), to = tops[i - 1] + upper.Height - 6;
            if (boxes[i].Kind == Kind.Loss) svg.Line(Margin + BoxWidth, from, x, from, red, 1.5);
            Arrow(svg, x, from, x, to, red, "backward");
            svg.Text(x + 10, tops[i] - Gap / 2 + 4, $"∂L/∂y {upper.Layer!.OutputShape.ToBatchString()}", size: 11.5, fill: red);
            var gradients = upper.Layer.Parameters.Select(p => $"∂L/∂{p.Name} {p.Shape}").ToList();
            if (gradients.Count > 0)
                svg.Text(x + 10, tops[i - 1] + upper.Height / 2 + 4, string.Join(" · ", gradients), size: 11.5, fill: red, weight: "600");
        }
        if (graph.Loss is null)
            svg.Text(x + 10, tops[^1] + boxes[^1].Height / 2, "(compile the model: the backward pass starts at its loss)", size: 11, fill: red);
    }

    private static void Arrow(SvgWriter svg, double x1, double y1, double x2, double y2, string color, string kind)
    {
        // The head drawn as a small triangle, not an SVG marker: marker ids would collide between two graphs on one page.
        double dir = Math.Sign(y2 - y1);
        svg.Line(x1, y1, x2, y2 - dir * 7, color, 1.5, $"class=\"nn-graph-{kind}\"");
        svg.Path($"M{Coord(x2 - 5)} {Coord(y2 - dir * 8)} L{Coord(x2 + 5)} {Coord(y2 - dir * 8)} L{Coord(x2)} {Coord(y2)} Z", color);
    }
}
