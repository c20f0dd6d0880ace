using System.Text;
using NotebookNet.Visualization.Internal;
using static NotebookNet.Visualization.Internal.Format;

namespace NotebookNet.Visualization;

/// <summary>
/// Renders a <see cref="ModelSummary"/> (what <c>model.Summary()</c> returns) as an HTML table or plain text:
/// every layer's output shape, parameter count, the formula that gives the count, and a bar for the layer's
/// share of all weights; then the totals and the memory the weights take (float32).
/// </summary>
/// <example><code>
/// string html = ModelSummaryRenderer.ToHtml(model.Summary());
/// // … "Total params: 34,826 (136.04 KB)" …
/// </code></example>
public static class ModelSummaryRenderer
{
    private const double MaxBarPx = 110;

    /// <summary>An HTML table (inline styles, no scripts).</summary>
    public static string ToHtml(ModelSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        long total = summary.TotalParameters;
        var sb = new StringBuilder();
        sb.Append($"<div class=\"nn-model-summary\" style=\"{Html.Card()}\">");
        sb.Append(Html.Title($"Model: \"{Escape(summary.ModelName)}\" <span style=\"font-weight:400;color:{Palette.MutedInk.Hex}\">" +
                             $"· input {Escape(summary.InputShape.ToBatchString())}</span>"));
        sb.Append("<table style=\"border-collapse:collapse;font-size:13px;margin:0\">");
        sb.Append($"<thead><tr style=\"border-bottom:2px solid {Palette.Ink.Hex}\">");
        foreach (var (head, align) in new[] { ("Layer (type)", "left"), ("Output shape", "left"), ("Param #", "right"), ("How the count arises", "left"), ("Share of weights", "left") })
            sb.Append($"<th style=\"{Html.Cell(align, "font-weight:600")}\">{head}</th>");
        sb.Append("</tr></thead><tbody>");
        for (int i = 0; i < summary.Rows.Count; i++)
        {
            var row = summary.Rows[i];
            double share = total > 0 ? (double)row.ParameterCount / total : 0;
            string background = i % 2 == 1 ? "background:#f7f7f7;" : "";
            sb.Append($"<tr style=\"{background}border-bottom:1px solid {Palette.Grid.Hex}\">");
            sb.Append($"<td style=\"{Html.Cell()}\"><b>{Escape(row.LayerName)}</b> <span style=\"color:{Palette.MutedInk.Hex}\">({Escape(row.TypeName)})</span></td>");
            sb.Append($"<td style=\"{Html.Cell("left", Html.Mono)}\">{Escape(row.OutputShape.ToBatchString())}</td>");
            sb.Append($"<td style=\"{Html.Cell("right", Html.Numeric)}\">{Count(row.ParameterCount)}</td>");
            sb.Append($"<td style=\"{Html.Cell("left", Html.Mono + $"color:{Palette.MutedInk.Hex}")}\">{Escape(row.ParameterFormula)}</td>");
            sb.Append($"<td style=\"{Html.Cell("left", "white-space:nowrap")}\">");
            if (row.ParameterCount > 0)
                sb.Append(Html.Bar(Math.Max(1, share * MaxBarPx), Palette.Training, $"{Count(row.ParameterCount)} of {Count(total)}"))
                  .Append($" <span style=\"{Html.Numeric}color:{Palette.MutedInk.Hex};font-size:12px\">{Percent(share)}</span>");
            else
                sb.Append($"<span style=\"color:{Palette.MutedInk.Hex}\">—</span>");
            sb.Append("</td></tr>");
        }
        sb.Append("</tbody></table>");
        sb.Append($"<div style=\"margin-top:8px;font-size:13px;border-top:2px solid {Palette.Ink.Hex};padding-top:6px\">");
        sb.Append($"<div><b>Total params:</b> {Count(total)} ({Bytes(summary.Bytes)})</div>");
        sb.Append($"<div><b>Trainable params:</b> {Count(summary.TrainableParameters)} ({Bytes(summary.TrainableParameters * sizeof(float))})</div>");
        long frozen = total - summary.TrainableParameters;
        sb.Append($"<div><b>Non-trainable params:</b> {Count(frozen)} ({Bytes(frozen * sizeof(float))})</div>");
        sb.Append("</div></div>");
        return sb.ToString();
    }

    /// <summary>
    /// Plain text in Keras's layout plus the formula and a bar of block characters per layer (the share of all
    /// weights), for consoles and <c>text/plain</c> outputs.
    /// </summary>
    public static string ToText(ModelSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        long total = summary.TotalParameters;
        string[] header = ["Layer (type)", "Output Shape", "Param #", "How the count arises", "Share"];
        var cells = summary.Rows.Select(r =>
        {
            double share = total > 0 ? (double)r.ParameterCount / total : 0;
            string bar = r.ParameterCount > 0 ? TextBar(share, 20) + " " + Percent(share) : "";
            return new[] { $"{r.LayerName} ({r.TypeName})", r.OutputShape.ToBatchString(), Count(r.ParameterCount), r.ParameterFormula, bar };
        }).ToList();
        int[] widths = Enumerable.Range(0, header.Length).Select(i => cells.Select(c => c[i].Length).Append(header[i].Length).Max()).ToArray();
        string Line(string[] c) => string.Join("  ", c.Select((s, i) => i == 2 ? s.PadLeft(widths[i]) : s.PadRight(widths[i]))).TrimEnd();
        int rule = widths.Sum() + 2 * (widths.Length - 1);
        var sb = new StringBuilder();
        sb.AppendLine($"Model: \"{summary.ModelName}\"  input {summary.InputShape.ToBatchString()}");
        sb.AppendLine(new string('━', rule)).AppendLine(Line(header)).AppendLine(new string('━', rule));
        foreach (var c in cells) sb.AppendLine(Line(c));
        sb.AppendLine(new string('━', rule));
        long frozen = total - summary.TrainableParameters;
        sb.AppendLine($"Total params: {Count(total)} ({Bytes(summary.Bytes)})");
        sb.AppendLine($"Trainable params: {Count(summary.TrainableParameters)} ({Bytes(summary.TrainableParameters * sizeof(float))})");
        sb.Append($"Non-trainable params: {Count(frozen)} ({Bytes(frozen * sizeof(float))})");
        return sb.ToString();
    }

    /// <summary>A bar of <paramref name="width"/> character cells filled to <paramref name="fraction"/>, in eighths.</summary>
    internal static string TextBar(double fraction, int width)
    {
        const string eighths = " ▏▎▍▌▋▊▉";
        int units = (int)Math.Round(Math.Clamp(fraction, 0, 1) * width * 8);
        if (units == 0 && fraction > 0) units = 1;
        var s = new string('█', units / 8);
        return units % 8 == 0 ? s : s + eighths[units % 8];
    }
}
