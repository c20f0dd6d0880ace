using System.Text;
using NotebookNet.Training;
using NotebookNet.Visualization.Internal;
using static NotebookNet.Visualization.Internal.Format;

namespace NotebookNet.Visualization;

/// <summary>
/// The live training display: epoch i/N and batch j/M with progress bars, samples per second, time elapsed and
/// left, the running loss and metrics of this epoch, the last finished epoch's validation values, and a tiny
/// loss curve. A pure function of its inputs, so the kernel extension can call it on every throttled update.
/// </summary>
/// <example><code>
/// // In an IFitCallback: OnTrainBegin keeps the History, OnBatchEnd renders.
/// string html = TrainingProgressView.ToHtml(progress, history);
/// </code></example>
public static class TrainingProgressView
{
    private const double CurveWidth = 260, CurveHeight = 64;

    /// <summary>The view after a batch; <paramref name="history"/> (if given) supplies the loss curve and the last epoch.</summary>
    public static string ToHtml(BatchProgress progress, History? history = null) =>
        ToHtml(progress, history?.BatchLosses ?? [], history?.Epochs ?? []);

    /// <summary>The view after a batch, from the batch losses so far and the finished epochs.</summary>
    public static string ToHtml(BatchProgress progress, IReadOnlyList<double> batchLosses, IReadOnlyList<EpochLogs> finishedEpochs)
    {
        ArgumentNullException.ThrowIfNull(progress);
        ArgumentNullException.ThrowIfNull(batchLosses);
        ArgumentNullException.ThrowIfNull(finishedEpochs);
        double epochFraction = progress.Batches > 0 ? (double)progress.Batch / progress.Batches : 0;
        double overall = progress.Epochs > 0 ? (progress.Epoch - 1 + epochFraction) / progress.Epochs : 0;
        var sb = new StringBuilder();
        sb.Append($"<div class=\"nn-training-progress\" style=\"{Html.Card("min-width:420px;")}\">");
        sb.Append("<div style=\"display:flex;gap:18px;align-items:flex-start;flex-wrap:wrap\"><div>");
        sb.Append(Row("Epoch", $"{progress.Epoch}/{progress.Epochs}", overall, Palette.Training));
        sb.Append(Row("Batch", $"{Count(progress.Batch)}/{Count(progress.Batches)}", epochFraction, Palette.Batch));
        sb.Append($"<div style=\"font-size:12px;color:{Palette.MutedInk.Hex};margin-top:4px;{Html.Numeric}text-align:left\">" +
                  $"{Count((long)Math.Round(progress.SamplesPerSecond))} samples/s · elapsed {Duration(progress.TotalElapsed)} · " +
                  $"left ≈ {Duration(progress.Remaining)}" +
                  (double.IsNaN(progress.LearningRate) ? "" : $" · learning rate {Value(progress.LearningRate)}") + "</div>");
        sb.Append($"<div style=\"font-size:13px;margin-top:6px\">{Metrics(progress.RunningLoss, progress.RunningMetrics, "")}" +
                  $" <span style=\"color:{Palette.MutedInk.Hex};font-size:12px\">(mean over this epoch)</span></div>");
        if (finishedEpochs.Count > 0)
        {
            var last = finishedEpochs[^1];
            sb.Append($"<div style=\"font-size:12px;margin-top:3px;color:{Palette.MutedInk.Hex}\">epoch {last.Epoch}: " +
                      $"{Metrics(last.Loss, last.Metrics, "")}" +
                      (last.ValidationLoss is { } vl ? " · " + Metrics(vl, last.ValidationMetrics, "val_") : "") + "</div>");
        }
        sb.Append("</div>");
        sb.Append(Curve(batchLosses, progress.Batches));
        sb.Append("</div></div>");
        return sb.ToString();
    }

    /// <summary>Where an interrupted run stopped: "2 of 5 epochs and 37 of 469 batches of epoch 3".</summary>
    public static string InterruptedAt(History history)
    {
        ArgumentNullException.ThrowIfNull(history);
        int epochs = history.Epochs.Count;
        long batches = history.BatchLosses.Count - (long)epochs * history.BatchesPerEpoch;
        string text = $"{epochs} of {history.EpochsRequested} epoch{(history.EpochsRequested == 1 ? "" : "s")}";
        return batches > 0 ? $"{text} and {batches} of {history.BatchesPerEpoch} batches of epoch {epochs + 1}" : text;
    }

    /// <summary>Shown when training starts, until the first update: the model's name, epochs and batches.</summary>
    public static string Starting(string modelName, History history)
    {
        ArgumentNullException.ThrowIfNull(modelName);
        ArgumentNullException.ThrowIfNull(history);
        return $"<div class=\"nn-training-progress\">Training <b>{Escape(modelName)}</b>: " +
            $"{history.EpochsRequested} epoch{(history.EpochsRequested == 1 ? "" : "s")} of {history.BatchesPerEpoch} batches …</div>";
    }

    /// <summary>The final state after training: epochs run, total time, the last epoch's values and the loss curve.</summary>
    public static string Completed(History history) => Completed(history, modelName: null);

    /// <summary>As <see cref="Completed(History)"/>, under the model's name when <paramref name="modelName"/> is not null
    /// (the live display's last state, which stays in the saved notebook).</summary>
    public static string Completed(History history, string? modelName)
    {
        ArgumentNullException.ThrowIfNull(history);
        var sb = new StringBuilder();
        sb.Append($"<div class=\"nn-training-progress\" style=\"{Html.Card("min-width:420px;")}\">");
        sb.Append("<div style=\"display:flex;gap:18px;align-items:flex-start;flex-wrap:wrap\"><div>");
        if (modelName is not null)
            sb.Append($"<div style=\"font-size:12px;color:{Palette.MutedInk.Hex};margin-bottom:2px\">model <b>{Escape(modelName)}</b></div>");
        var total = TimeSpan.FromTicks(history.Epochs.Sum(e => e.Duration.Ticks));
        string status = history.Interrupted
            ? $"<b style=\"color:{Palette.Alert.Hex}\">Interrupted</b> after {InterruptedAt(history)}"
            : $"<b>Done</b>: {history.Epochs.Count} epoch{(history.Epochs.Count == 1 ? "" : "s")}";
        sb.Append($"<div style=\"font-size:14px\">{status} <span style=\"color:{Palette.MutedInk.Hex}\">in {Duration(total)}</span></div>");
        if (history.Interrupted && history.StopReason is { } reason)
            sb.Append($"<div style=\"font-size:12px;margin-top:3px;max-width:520px;color:{(history.Diverged ? Palette.Alert.Hex : Palette.MutedInk.Hex)}\">{Escape(reason)}</div>");
        if (history.Epochs.Count > 0)
        {
            var last = history.Epochs[^1];
            sb.Append($"<div style=\"font-size:13px;margin-top:6px\">{Metrics(last.Loss, last.Metrics, "")}</div>");
            if (last.ValidationLoss is { } vl)
                sb.Append($"<div style=\"font-size:13px;margin-top:2px\">{Metrics(vl, last.ValidationMetrics, "val_")}</div>");
        }
        sb.Append("</div>");
        sb.Append(Curve(history.BatchLosses, history.BatchesPerEpoch));
        sb.Append("</div></div>");
        return sb.ToString();
    }

    private static string Row(string label, string value, double fraction, Rgb color)
    {
        double pct = Math.Clamp(fraction, 0, 1) * 100;
        return "<div style=\"display:flex;align-items:center;gap:8px;margin:2px 0;font-size:13px\">" +
               $"<span style=\"width:44px;color:{Palette.MutedInk.Hex}\">{label}</span>" +
               $"<span style=\"width:86px;font-weight:600;{Html.Numeric}\">{value}</span>" +
               $"<span style=\"display:inline-block;width:180px;height:8px;background:{Palette.Grid.Hex};border-radius:4px;overflow:hidden\">" +
               $"<span style=\"display:block;height:8px;width:{Coord(pct)}%;background:{color.Hex}\"></span></span></div>";
    }

    private static string Metrics(double loss, IReadOnlyDictionary<string, double> metrics, string prefix)
    {
        var parts = new List<string> { $"{prefix}loss <b>{Value(loss)}</b>" };
        parts.AddRange(metrics.Select(m => $"{Escape(prefix + m.Key)} <b>{Value(m.Value)}</b>"));
        return string.Join(" · ", parts);
    }

    /// <summary>A small SVG of the batch losses (light) and their moving average (blue), no axes but the range.</summary>
    internal static string Curve(IReadOnlyList<double> losses, int batchesPerEpoch)
    {
        var svg = new SvgWriter(CurveWidth, CurveHeight + 18, "loss per batch");
        var finite = losses.Where(double.IsFinite).ToList();
        if (finite.Count < 2)
        {
            svg.Text(CurveWidth / 2, CurveHeight / 2, "loss curve after 2 batches", "middle", 11, Palette.MutedInk.Hex);
            return svg.ToString();
        }
        double lo = Math.Min(0, finite.Min()), hi = finite.Max();
        if (hi <= lo) hi = lo + 1;
        const double pad = 2;
        double X(int i) => pad + (CurveWidth - 2 * pad) * i / Math.Max(1, losses.Count - 1);
        double Y(double v) => pad + (CurveHeight - 2 * pad) * (hi - v) / (hi - lo);
        svg.Rect(0.5, 0.5, CurveWidth - 1, CurveHeight - 1, "#ffffff", Palette.Grid.Hex, 1);
        if (batchesPerEpoch > 0)
            for (int e = batchesPerEpoch; e < losses.Count; e += batchesPerEpoch)
                svg.Line(X(e - 1), 1, X(e - 1), CurveHeight - 1, Palette.Grid.Hex, 1, "stroke-dasharray=\"2 2\"");
        var raw = Enumerable.Range(0, losses.Count).Select(i => (X(i), Y(losses[i]))).ToList();
        svg.Polyline(LineChartSvg.Decimate(raw, (int)CurveWidth), Palette.Batch.Hex, 1);
        int window = TrainingCurves.MovingAverageWindow(losses.Count);
        if (window > 1)
        {
            var mean = TrainingCurves.MovingAverage(losses, window);
            svg.Polyline(Enumerable.Range(0, losses.Count).Select(i => (X(i), Y(mean[i]))).Where((_, i) => i % Math.Max(1, losses.Count / 300) == 0 || i == losses.Count - 1).ToList(),
                Palette.Training.Hex, 1.8);
        }
        svg.Text(2, CurveHeight + 13, $"loss per batch · max {Value(hi)} · last {Value(finite[^1])}", "start", 10, Palette.MutedInk.Hex);
        return svg.ToString();
    }
}
