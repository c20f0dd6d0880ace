using System.Globalization;
using NotebookNet.Visualization.Internal;
using static NotebookNet.Visualization.Internal.Format;

namespace NotebookNet.Visualization;

/// <summary>
/// A confusion matrix as a heat map with the count in every cell: rows are true labels, columns predictions.
/// The diagonal (correct) is blue by the class's recall; mistakes are red by their count relative to the most
/// frequent mistake, so the typical confusions (4 ↔ 9, 3 ↔ 5) stand out even when they are rare. Recall per
/// row and precision per column are written at the margins.
/// </summary>
/// <example><code>
/// string html = ConfusionMatrixRenderer.ToHtml(test.Labels, model.PredictClasses(test.Images), ConfusionMatrix.Digits);
/// </code></example>
public static class ConfusionMatrixRenderer
{
    private static readonly ColorMap Mistakes = ColorMap.FromHex("mistakes", "#ffffff", "#fcbba1", "#fb6a4a", "#cb181d", "#67000d");

    /// <summary>The heat map as a standalone SVG.</summary>
    public static string ToSvg(ConfusionMatrix matrix)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        int n = matrix.Classes.Count;
        int maxLabel = matrix.Classes.Max(c => c.Length);
        double cell = Math.Clamp(460.0 / n, 26, 52);
        double labelW = Math.Max(24, 7.5 * maxLabel + 10);
        double left = Math.Max(28 + labelW, 78), top = 58;   // room for the row labels and for "precision"
        double gridW = cell * n, right = 74, bottom = 46;
        var svg = new SvgWriter(left + gridW + right, top + gridW + bottom, "Confusion matrix");
        svg.Text(left + gridW / 2, 16, "predicted label", "middle", 12, Palette.Ink.Hex, "600");
        svg.Text(left - labelW - 14, top + gridW / 2, "true label", "middle", 12, Palette.Ink.Hex, "600", rotate: -90, baseline: "middle");
        int maxMistake = 0;
        for (int t = 0; t < n; t++)
            for (int p = 0; p < n; p++)
                if (t != p) maxMistake = Math.Max(maxMistake, matrix[t, p]);
        double fontSize = Math.Min(13, cell * 0.36);
        for (int c = 0; c < n; c++)
        {
            svg.Text(left + (c + 0.5) * cell, top - 8, matrix.Classes[c], "middle", 12, Palette.Ink.Hex);
            svg.Text(left - 6, top + (c + 0.5) * cell, matrix.Classes[c], "end", 12, Palette.Ink.Hex, baseline: "middle");
        }
        for (int t = 0; t < n; t++)
        {
            for (int p = 0; p < n; p++)
            {
                int count = matrix[t, p];
                Rgb fill = t == p
                    ? (matrix.TrueCount(t) > 0 ? ColorMap.Blues.At(0.15 + 0.85 * matrix.Recall(t)) : Rgb.White)
                    : (count > 0 ? Mistakes.At(0.15 + 0.85 * count / (double)maxMistake) : Rgb.White);
                double x = left + p * cell, y = top + t * cell;
                svg.Rect(x, y, cell, cell, fill.Hex, "#ffffff", 1, title: $"true {matrix.Classes[t]}, predicted {matrix.Classes[p]}: {count}");
                string ink = count == 0 ? "#bbbbbb" : fill.ContrastingText.Hex;
                svg.Text(x + cell / 2, y + cell / 2 + 1, Count(count), "middle", count >= 1000 ? fontSize * 0.85 : fontSize, ink,
                    t == p ? "600" : null, baseline: "middle");
            }
            svg.Text(left + gridW + 8, top + (t + 0.5) * cell, Percent0(matrix.Recall(t)), "start", 11, Palette.MutedInk.Hex, baseline: "middle");
        }
        svg.Rect(left, top, gridW, gridW, "none", Palette.MutedInk.Hex, 1);
        svg.Text(left + gridW + 8, top - 8, "recall", "start", 11, Palette.MutedInk.Hex, "600");
        for (int p = 0; p < n; p++)
            svg.Text(left + (p + 0.5) * cell, top + gridW + 16, Percent0(matrix.Precision(p)), "middle", cell < 40 ? 9 : 11, Palette.MutedInk.Hex);
        svg.Text(left - 6, top + gridW + 16, "precision", "end", 11, Palette.MutedInk.Hex, "600");
        return svg.ToString();
    }

    /// <summary>HTML figure: title with the accuracy, the heat map and the most frequent mistakes.</summary>
    public static string ToHtml(ConfusionMatrix matrix)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        string title = $"Confusion matrix <span style=\"font-weight:400;color:{Palette.MutedInk.Hex}\">· accuracy {Percent(matrix.Accuracy)} " +
                       $"({Count(matrix.Correct)} of {Count(matrix.Total)})</span>";
        var top = matrix.TopConfusions(5);
        string mistakes = top.Count == 0
            ? "No mistakes."
            : "Most frequent mistakes: " + string.Join(", ", top.Select(m => $"{Escape(matrix.Classes[m.True])} → {Escape(matrix.Classes[m.Predicted])} ({Count(m.Count)})")) + ".";
        return $"<div class=\"nn-confusion-matrix\" style=\"{Html.Card()}\">{Html.Title(title)}{ToSvg(matrix)}" +
               Html.Note("Rows: true label; columns: prediction. Blue diagonal: correct, shaded by recall. Red: mistakes, shaded relative to the most frequent one.") +
               Html.Note(mistakes) + "</div>";
    }

    /// <summary>Counts and renders in one step (see <see cref="ConfusionMatrix"/>).</summary>
    public static string ToHtml(IReadOnlyList<int> trueLabels, IReadOnlyList<int> predicted, IReadOnlyList<string> classes) =>
        ToHtml(new ConfusionMatrix(trueLabels, predicted, classes));

    private static string Percent0(double fraction) =>
        double.IsNaN(fraction) ? "–" : (fraction * 100).ToString(fraction >= 0.9995 ? "0" : "0.0", CultureInfo.InvariantCulture) + "%";
}
