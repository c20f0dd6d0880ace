using System.Globalization;
using NotebookNet.Layers;
using NotebookNet.Neurons;
using NotebookNet.Visualization.Internal;

namespace NotebookNet.Visualization;

/// <summary>
/// One-line text and HTML for values too small for a figure: a shape, a layer, an evaluation, a perceptron run,
/// and the message shown when a value cannot be drawn. The kernel extension registers these as formatters.
/// </summary>
/// <example><code>
/// InlineView.LayerText(model.Layers[0])   // "conv2d (Conv2D) · output (None, 26, 26, 32) · params (3·3·1 + 1)·32 = 320"
/// </code></example>
public static class InlineView
{
    /// <summary>One line of text in a monospace span of class <paramref name="cssClass"/>.</summary>
    public static string Line(string text, string cssClass) =>
        $"<span class=\"{Format.Escape(cssClass)}\" style=\"{Html.Mono}font-size:13px\">{Format.Escape(text)}</span>";

    /// <summary>The layer's name, type, output shape and how its parameter count arises, e.g.
    /// <c>conv2d (Conv2D) · output (None, 26, 26, 32) · params (3·3·1 + 1)·32 = 320</c>.</summary>
    public static string LayerText(Layer layer)
    {
        ArgumentNullException.ThrowIfNull(layer);
        return layer.IsBuilt
            ? $"{layer.Name} ({layer.TypeName}) · output {layer.OutputShape.ToBatchString()} · params {layer.ParameterFormula}"
            : $"{layer.Name} ({layer.TypeName}) · not built yet: add it to a Sequential and call Summary() or Compile() to give it shapes and weights";
    }

    /// <summary>A built Conv2D as its filters; any other layer as <see cref="LayerText"/> on one line.</summary>
    public static string LayerHtml(Layer layer) => layer is Conv2D { IsBuilt: true } conv
        ? FilterGrid.ToHtml(conv.Kernel.Value, conv.Name)
        : Line(LayerText(layer), "nn-layer");

    /// <summary>Whether the perceptron converged, and its mistakes per pass over the data.</summary>
    public static string PerceptronText(PerceptronTraining training)
    {
        ArgumentNullException.ThrowIfNull(training);
        string mistakes = string.Join(", ", training.MistakesPerEpoch.Select(m => m.ToString(CultureInfo.InvariantCulture)));
        string epochs = $"{training.Epochs} epoch{(training.Epochs == 1 ? "" : "s")}";
        return (training.Converged ? $"Converged after {epochs}" : $"Not converged after {epochs}") + $"; mistakes per epoch: {mistakes}";
    }

    /// <summary>The message shown instead of a value that could not be drawn: its type and the error, as HTML
    /// (for <paramref name="mimeType"/> "text/html") or plain text.</summary>
    public static string Error(string typeName, string mimeType, Exception error)
    {
        ArgumentNullException.ThrowIfNull(error);
        string text = $"NotebookNet could not display this {typeName}: {error.GetType().Name}: {error.Message}";
        return mimeType == "text/html"
            ? $"<div class=\"notebooknet-error\" style=\"color:#b00020;font-family:monospace\">{Format.Escape(text)}</div>"
            : text;
    }
}
