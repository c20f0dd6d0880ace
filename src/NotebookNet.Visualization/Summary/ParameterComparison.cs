using System.Text;
using NotebookNet.Visualization.Internal;
using static NotebookNet.Visualization.Internal.Format;

namespace NotebookNet.Visualization;

/// <summary>One model's weight count in a <see cref="ParameterComparison"/>.</summary>
/// <param name="Name">What the model is, e.g. "dense", "localized", "shared (CNN)".</param>
/// <param name="Count">Its number of weights.</param>
/// <param name="Formula">How the count arises, e.g. "100·100·(100 + 1) + (100 + 1)·3"; may be empty.</param>
public sealed record ParameterCountEntry(string Name, long Count, string Formula = "")
{
    /// <summary>The entry for a built model: its total parameters and a sum of its layers' formulas.</summary>
    public static ParameterCountEntry FromSummary(string name, ModelSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var parts = summary.Rows.Where(r => r.ParameterCount > 0).Select(r => Format.Count(r.ParameterCount) + " " + r.LayerName);
        return new ParameterCountEntry(name, summary.TotalParameters, string.Join(" + ", parts));
    }
}

/// <summary>
/// The weight counts of several models side by side on one linear scale, with exact counts and the ratio to the
/// first model: the lecture's ladder dense (~1M) → localized (~65k) → shared (~16k).
/// </summary>
/// <example><code>
/// string html = ParameterComparison.ToHtml(
/// [
///     new("dense", 100 * 100 * (100 + 1) + (100 + 1) * 3, "100·100·(100 + 1) + (100 + 1)·3"),
///     new("localized", 25 * 25 * (25 + 1) * 4 + (100 + 1) * 3, "25·25·(25 + 1)·4 + (100 + 1)·3"),
///     new("shared", 25 * 25 * (25 + 1) + (100 + 1) * 3, "25·25·(25 + 1) + (100 + 1)·3"),
/// ]);
/// </code></example>
public static class ParameterComparison
{
    private const double MaxBarPx = 360;

    /// <summary>HTML bars on a common scale, one row per model, in the order given.</summary>
    public static string ToHtml(IReadOnlyList<ParameterCountEntry> models, string title = "Number of weights")
    {
        ArgumentNullException.ThrowIfNull(models);
        if (models.Count == 0)
            throw new ArgumentException("ParameterComparison needs at least one model; received an empty list.", nameof(models));
        foreach (var m in models)
            if (m.Count < 0)
                throw new ArgumentOutOfRangeException(nameof(models), $"Model \"{m.Name}\" has a negative weight count ({m.Count}).");
        long max = models.Max(m => m.Count);
        long first = models[0].Count;
        var sb = new StringBuilder();
        sb.Append($"<div class=\"nn-parameter-comparison\" style=\"{Html.Card()}\">");
        sb.Append(Html.Title(Escape(title)));
        sb.Append("<table style=\"border-collapse:collapse;font-size:13px;margin:0\"><tbody>");
        for (int i = 0; i < models.Count; i++)
        {
            var m = models[i];
            double width = max > 0 ? (double)m.Count / max * MaxBarPx : 0;
            if (m.Count > 0) width = Math.Max(width, 2);
            sb.Append($"<tr style=\"border-bottom:1px solid {Palette.Grid.Hex}\">");
            sb.Append($"<td style=\"{Html.Cell("left", "font-weight:600;white-space:nowrap")}\">{Escape(m.Name)}</td>");
            sb.Append($"<td style=\"{Html.Cell("left", $"width:{Format.Coord(MaxBarPx)}px")}\">{Html.Bar(width, Palette.Class(i), $"{Count(m.Count)} weights")}</td>");
            sb.Append($"<td style=\"{Html.Cell("right", Html.Numeric + "font-weight:600")}\">{Count(m.Count)}</td>");
            sb.Append($"<td style=\"{Html.Cell("right", Html.Numeric + $"color:{Palette.MutedInk.Hex};white-space:nowrap")}\">{Ratio(m.Count, first, i)}</td>");
            sb.Append($"<td style=\"{Html.Cell("left", Html.Mono + $"color:{Palette.MutedInk.Hex};font-size:12px")}\">{Escape(m.Formula)}</td>");
            sb.Append("</tr>");
        }
        sb.Append("</tbody></table>");
        sb.Append(Html.Note($"Bars share one linear scale: the longest bar is {Count(max)} weights."));
        sb.Append("</div>");
        return sb.ToString();
    }

    /// <summary>HTML for built models: each entry's count comes from its summary.</summary>
    public static string ToHtml(IEnumerable<(string Name, ModelSummary Summary)> models, string title = "Number of weights") =>
        ToHtml(models.Select(m => ParameterCountEntry.FromSummary(m.Name, m.Summary)).ToList(), title);

    private static string Ratio(long count, long first, int index)
    {
        if (index == 0 || first == 0) return "";
        if (count == 0) return "none";
        double r = (double)first / count;
        return r >= 1
            ? $"{r.ToString(r >= 10 ? "0" : "0.0", System.Globalization.CultureInfo.InvariantCulture)}× fewer"
            : $"{(1 / r).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture)}× more";
    }
}
