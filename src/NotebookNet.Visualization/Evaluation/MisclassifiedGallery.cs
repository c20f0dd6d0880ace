using System.Globalization;
using System.Text;
using NotebookNet.Visualization.Internal;
using static NotebookNet.Visualization.Internal.Format;

namespace NotebookNet.Visualization;

/// <summary>One sample the model got wrong: its picture, the labels, and how sure the model was.</summary>
/// <param name="Index">Position of the sample in the data set.</param>
/// <param name="Image">The sample, e.g. [28, 28, 1].</param>
/// <param name="TrueLabel">The correct class.</param>
/// <param name="PredictedLabel">The class the model chose.</param>
/// <param name="Confidence">The model's probability for its choice.</param>
/// <param name="TrueLabelProbability">The model's probability for the correct class (NaN if unknown).</param>
public sealed record Misclassification(int Index, Tensor Image, int TrueLabel, int PredictedLabel, double Confidence, double TrueLabelProbability = double.NaN);

/// <summary>
/// A gallery of misclassified samples, the most confident mistakes first: each picture with the true and
/// predicted label and the model's confidence. Useful after training: are the mistakes ones a person would make?
/// </summary>
/// <example><code>
/// var probabilities = model.Predict(test.Images);            // [N, 10] softmax outputs
/// string html = MisclassifiedGallery.ToHtml(test.Images, test.Labels, probabilities, ConfusionMatrix.Digits);
/// </code></example>
public static class MisclassifiedGallery
{
    /// <summary>
    /// The samples whose most probable class differs from the label, most confident first (ties by index).
    /// </summary>
    /// <param name="images">[N, ...] samples (e.g. [N, 28, 28, 1] or [N, 784]).</param>
    /// <param name="trueLabels">N class indices.</param>
    /// <param name="probabilities">[N, classes] model outputs (softmax).</param>
    /// <param name="max">At most this many are returned.</param>
    public static IReadOnlyList<Misclassification> Find(Tensor images, IReadOnlyList<int> trueLabels, Tensor probabilities, int max = 24)
    {
        if (max < 0) throw new ArgumentOutOfRangeException(nameof(max), $"max cannot be negative; received {max}.");
        var (wrong, predicted) = Mistakes(images, trueLabels, probabilities);
        return Materialize(wrong.Take(max), images, trueLabels, probabilities, predicted);
    }

    /// <summary>Indices and confidences of the mistakes, most confident first, and every sample's predicted class.</summary>
    private static (List<(int Index, double Confidence)> Wrong, int[] Predicted) Mistakes(Tensor images, IReadOnlyList<int> trueLabels, Tensor probabilities)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(trueLabels);
        ArgumentNullException.ThrowIfNull(probabilities);
        int n = images.Shape[0];
        if (trueLabels.Count != n || probabilities.Rank != 2 || probabilities.Shape[0] != n)
            throw new ArgumentException(
                $"MisclassifiedGallery needs one label and one probability row per image; received images {images.ShapeString}, " +
                $"{trueLabels.Count} labels and probabilities {probabilities.ShapeString}.", nameof(probabilities));
        int classes = probabilities.Shape[1];
        int[] predicted = probabilities.ArgMaxRows();
        var wrong = new List<(int Index, double Confidence)>();
        for (int i = 0; i < n; i++)
        {
            if ((uint)trueLabels[i] >= (uint)classes)
                throw new ArgumentException($"Label {trueLabels[i]} at index {i} is not a class index (0..{classes - 1}).", nameof(trueLabels));
            if (predicted[i] != trueLabels[i]) wrong.Add((i, probabilities[i, predicted[i]]));
        }
        return (wrong.OrderByDescending(w => w.Confidence).ThenBy(w => w.Index).ToList(), predicted);
    }

    private static List<Misclassification> Materialize(IEnumerable<(int Index, double Confidence)> wrong, Tensor images,
        IReadOnlyList<int> trueLabels, Tensor probabilities, int[] predicted)
    {
        int[] sampleShape = images.Shape[1..];
        return wrong.Select(w => new Misclassification(w.Index, images.Slice(w.Index, 1).Reshape(sampleShape), trueLabels[w.Index],
                predicted[w.Index], w.Confidence, probabilities[w.Index, trueLabels[w.Index]]))
            .ToList();
    }

    /// <summary>HTML gallery of the given examples (grayscale pictures in [0, 1]).</summary>
    /// <param name="examples">What to show, in order.</param>
    /// <param name="classes">Class names; null uses the class indices.</param>
    /// <param name="scale">Pixels per image value (3 makes MNIST 84 × 84).</param>
    /// <param name="totalMistakes">If known, how many mistakes there were in all (shown in the title).</param>
    public static string ToHtml(IReadOnlyList<Misclassification> examples, IReadOnlyList<string>? classes = null, int scale = 3, int? totalMistakes = null)
    {
        ArgumentNullException.ThrowIfNull(examples);
        string Name(int c) => classes is not null && c >= 0 && c < classes.Count ? classes[c] : c.ToString(CultureInfo.InvariantCulture);
        var sb = new StringBuilder();
        string count = totalMistakes is { } total && total > examples.Count
            ? $"the {examples.Count} most confident of {Count(total)} mistakes"
            : $"{examples.Count} mistake{(examples.Count == 1 ? "" : "s")}";
        sb.Append($"<div class=\"nn-misclassified\" style=\"{Html.Card("max-width:100%;")}\">");
        sb.Append(Html.Title($"Misclassified samples <span style=\"font-weight:400;color:{Palette.MutedInk.Hex}\">· {count}</span>"));
        if (examples.Count == 0) sb.Append(Html.Note("The model got every sample right."));
        sb.Append("<div style=\"display:flex;flex-wrap:wrap;gap:10px\">");
        foreach (var e in examples)
        {
            var image = TensorImage.Grayscale(e.Image, scale);
            string tooltip = $"sample {e.Index}: true {Name(e.TrueLabel)}, predicted {Name(e.PredictedLabel)} with p = {Value(e.Confidence)}";
            sb.Append($"<figure title=\"{Escape(tooltip)}\" style=\"margin:0;text-align:center;font-size:12px\">");
            sb.Append(Html.Img(image, tooltip));
            sb.Append($"<figcaption style=\"margin-top:3px;line-height:1.3\">" +
                      $"<span style=\"color:{Palette.Alert.Hex};font-weight:600\">{Escape(Name(e.PredictedLabel))}</span> " +
                      $"<span style=\"color:{Palette.MutedInk.Hex}\">{Percent(e.Confidence)}</span><br/>" +
                      $"<span style=\"color:{Palette.MutedInk.Hex}\">true</span> <b>{Escape(Name(e.TrueLabel))}</b>" +
                      (double.IsNaN(e.TrueLabelProbability) ? "" : $" <span style=\"color:{Palette.MutedInk.Hex}\">{Percent(e.TrueLabelProbability)}</span>") +
                      $"<br/><span style=\"color:#999999;font-size:11px\">#{e.Index}</span></figcaption></figure>");
        }
        sb.Append("</div>");
        sb.Append(Html.Note("Red: the model's answer and its probability; below: the true label and the probability the model gave it."));
        sb.Append("</div>");
        return sb.ToString();
    }

    /// <summary>Finds the mistakes (see <see cref="Find"/>) and renders the gallery.</summary>
    public static string ToHtml(Tensor images, IReadOnlyList<int> trueLabels, Tensor probabilities, IReadOnlyList<string>? classes = null, int max = 24, int scale = 3)
    {
        if (max < 0) throw new ArgumentOutOfRangeException(nameof(max), $"max cannot be negative; received {max}.");
        var (wrong, predicted) = Mistakes(images, trueLabels, probabilities);
        return ToHtml(Materialize(wrong.Take(max), images, trueLabels, probabilities, predicted), classes, scale, wrong.Count);
    }
}
