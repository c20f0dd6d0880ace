using System.Globalization;
using System.Net;
using NotebookNet.Layers;
using NotebookNet.Neurons;

namespace NotebookNet.Interactive;

/// <summary>
/// One-line HTML and text for values too small for a figure: a shape, a layer, an evaluation, a perceptron run.
/// </summary>
internal static class InlineHtml
{
    private const string Style = "font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,'Liberation Mono',monospace;font-size:13px";

    /// <summary>Wraps one line of text in a monospace span.</summary>
    public static string Line(string text, string cssClass) =>
        $"<span class=\"{cssClass}\" style=\"{Style}\">{WebUtility.HtmlEncode(text)}</span>";

    /// <summary>The layer's name, type, output shape and how its parameter count arises, e.g.
    /// <c>conv2d (Conv2D) · output (None, 26, 26, 32) · params (3·3·1 + 1)·32 = 320</c>.</summary>
    public static string LayerText(Layer layer) => layer.IsBuilt
        ? $"{layer.Name} ({layer.TypeName}) · output {layer.OutputShape.ToBatchString()} · params {layer.ParameterFormula}"
        : $"{layer.Name} ({layer.TypeName}) · not built yet: add it to a Sequential and call Summary() or Compile() to give it shapes and weights";

    /// <summary>Keras's one-line form, e.g. <c>loss: 0.0412 - accuracy: 0.9871</c>.</summary>
    public static string EvaluationText(Evaluation evaluation) => evaluation.ToString();

    /// <summary>Whether the perceptron converged, and its mistakes per pass over the data.</summary>
    public static string PerceptronText(PerceptronTraining training)
    {
        string mistakes = string.Join(", ", training.MistakesPerEpoch.Select(m => m.ToString(CultureInfo.InvariantCulture)));
        return (training.Converged
            ? $"Converged after {training.Epochs} epoch{(training.Epochs == 1 ? "" : "s")}"
            : $"Not converged after {training.Epochs} epoch{(training.Epochs == 1 ? "" : "s")}") + $"; mistakes per epoch: {mistakes}";
    }
}
