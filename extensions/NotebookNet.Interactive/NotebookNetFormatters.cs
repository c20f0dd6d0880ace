using Microsoft.DotNet.Interactive.Formatting;
using NotebookNet.Layers;
using NotebookNet.Neurons;
using NotebookNet.Training;
using NotebookNet.Visualization;

namespace NotebookNet.Interactive;

/// <summary>
/// Which NotebookNet types get which rendering in a notebook. Every picture comes from NotebookNet.Visualization;
/// this class only connects types to renderers and mime types.
/// </summary>
/// <remarks>
/// The kernel formats a cell's result into the mime types preferred for the value's runtime type (by default only
/// text/html), so each type gets text/html and text/plain, and <see cref="PngFigure"/> also image/png: one output
/// holding all three, of which a front end shows the richest it can.
/// </remarks>
internal static class NotebookNetFormatters
{
    private const string Html = "text/html", Text = "text/plain", Png = "image/png";

    /// <summary>The types that have a formatter, for the load message.</summary>
    public static IReadOnlyList<string> TypeNames { get; } =
    [
        nameof(Figure), nameof(Sequential), nameof(ModelSummary), nameof(History), nameof(Tensor), nameof(Shape),
        nameof(Layer), nameof(Evaluation), nameof(PerceptronTraining), nameof(ConfusionMatrix),
    ];

    /// <summary>Registers every formatter. Formatter state is global to the process.</summary>
    public static void Register()
    {
        Add<Figure>(f => f.Html, f => f.ToString());
        // An image/png value is the PNG in base64, without a data: prefix.
        Formatter.Register<PngFigure>((figure, writer) => writer.Write(Convert.ToBase64String(figure.Png!)), Png);
        Formatter.SetPreferredMimeTypesFor(typeof(PngFigure), Html, Png, Text);

        Add<Sequential>(m => ModelSummaryRenderer.ToHtml(m.Summary()), m => ModelSummaryRenderer.ToText(m.Summary()));
        Add<ModelSummary>(ModelSummaryRenderer.ToHtml, ModelSummaryRenderer.ToText);
        Add<History>(TrainingCharts.ToHtml, h => h.ToString());
        Add<Tensor>(TensorPreview.ToHtml, t => t.ToString());
        Add<Shape>(s => InlineView.Line(s.ToString(), "nn-shape"), s => s.ToString());
        Add<Layer>(InlineView.LayerHtml, InlineView.LayerText);
        Add<Evaluation>(e => InlineView.Line(e.ToString(), "nn-evaluation"), e => e.ToString());
        Add<PerceptronTraining>(p => InlineView.Line(InlineView.PerceptronText(p), "nn-perceptron"), InlineView.PerceptronText);
        Add<ConfusionMatrix>(ConfusionMatrixRenderer.ToHtml, m => $"Confusion matrix: {m.Correct} of {m.Total} correct");
    }

    private static void Add<T>(Func<T, string> html, Func<T, string> text)
    {
        SafeFormatter.Register(Html, html);
        SafeFormatter.Register(Text, text);
        Formatter.SetPreferredMimeTypesFor(typeof(T), Html, Text);
    }
}
