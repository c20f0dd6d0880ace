using NotebookNet.Training;
using NotebookNet.Visualization.Internal;

namespace NotebookNet.Visualization;

/// <summary>
/// Turns a training history into chart descriptions (series with Keras's names: loss, val_loss, accuracy,
/// val_accuracy). The same description feeds the Plotly chart and the static SVG, so both always agree.
/// </summary>
internal static class TrainingCurves
{
    public static LineChartSpec Loss(IReadOnlyList<EpochLogs> epochs)
    {
        Check(epochs);
        var x = epochs.Select(e => (double)e.Epoch).ToList();
        var series = new List<Series> { new("loss", x, epochs.Select(e => e.Loss).ToList(), Palette.Training) };
        if (epochs.Any(e => e.ValidationLoss is not null))
            series.Add(new("val_loss", x, epochs.Select(e => e.ValidationLoss ?? double.NaN).ToList(), Palette.Validation, Dashed: true));
        return new LineChartSpec("Loss per epoch", "epoch", "loss", series, IntegerX: true, YFloor: 0);
    }

    public static LineChartSpec Metric(IReadOnlyList<EpochLogs> epochs, string metric)
    {
        Check(epochs);
        ArgumentNullException.ThrowIfNull(metric);
        if (epochs.Count > 0 && !epochs[0].Metrics.ContainsKey(metric))
            throw new KeyNotFoundException(
                $"The history has no metric \"{metric}\"; it has: {string.Join(", ", epochs[0].Metrics.Keys.DefaultIfEmpty("(none)"))}. " +
                "Pass the metric to Compile, e.g. Compile(optimizer, loss, Metric.Accuracy).");
        var x = epochs.Select(e => (double)e.Epoch).ToList();
        var series = new List<Series> { new(metric, x, epochs.Select(e => e.Metrics.GetValueOrDefault(metric, double.NaN)).ToList(), Palette.Training) };
        if (epochs.Any(e => e.ValidationMetrics.ContainsKey(metric)))
            series.Add(new("val_" + metric, x, epochs.Select(e => e.ValidationMetrics.GetValueOrDefault(metric, double.NaN)).ToList(), Palette.Validation, Dashed: true));
        bool fraction = series.SelectMany(s => s.Y).Where(double.IsFinite).All(v => v is >= 0 and <= 1);
        return new LineChartSpec($"{Capitalize(metric)} per epoch", "epoch", metric, series, IntegerX: true,
            YFloor: fraction ? 0 : null, YCeiling: fraction ? 1 : null);
    }

    /// <summary>
    /// One quantity ("loss" or a metric) of several runs per epoch: each run its own colour, its validation values
    /// (if any) dashed in the same colour.
    /// </summary>
    public static LineChartSpec Compare(IReadOnlyList<(string Name, IReadOnlyList<EpochLogs> Epochs)> runs, string quantity)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var series = new List<Series>();
        for (int i = 0; i < runs.Count; i++)
        {
            var (name, epochs) = runs[i];
            Check(epochs);
            var x = epochs.Select(e => (double)e.Epoch).ToList();
            double Train(EpochLogs e) => quantity == "loss" ? e.Loss : e.Metrics.GetValueOrDefault(quantity, double.NaN);
            double Val(EpochLogs e) => quantity == "loss" ? e.ValidationLoss ?? double.NaN : e.ValidationMetrics.GetValueOrDefault(quantity, double.NaN);
            series.Add(new(name, x, epochs.Select(Train).ToList(), Palette.Class(i)));
            if (epochs.Any(e => double.IsFinite(Val(e))))
                series.Add(new($"{name} val", x, epochs.Select(Val).ToList(), Palette.Class(i), Dashed: true));
        }
        bool fraction = quantity != "loss" && series.SelectMany(s => s.Y).Where(double.IsFinite).All(v => v is >= 0 and <= 1);
        return new LineChartSpec($"{Capitalize(quantity)} per epoch", "epoch", quantity, series, IntegerX: true,
            YFloor: quantity == "loss" || fraction ? 0 : null, YCeiling: fraction ? 1 : null);
    }

    /// <summary>Per-batch loss; x in epochs when <paramref name="batchesPerEpoch"/> is known, else in batches.</summary>
    public static LineChartSpec BatchLoss(IReadOnlyList<double> batchLosses, int batchesPerEpoch)
    {
        ArgumentNullException.ThrowIfNull(batchLosses);
        if (batchesPerEpoch < 0)
            throw new ArgumentOutOfRangeException(nameof(batchesPerEpoch), $"Batches per epoch cannot be negative; received {batchesPerEpoch}.");
        bool inEpochs = batchesPerEpoch > 0;
        double X(int i) => inEpochs ? (i + 1.0) / batchesPerEpoch : i + 1;
        var x = Enumerable.Range(0, batchLosses.Count).Select(X).ToList();
        var series = new List<Series> { new("batch loss", x, batchLosses.ToList(), Palette.Batch, Markers: false, Width: 1) };
        int window = MovingAverageWindow(batchLosses.Count);
        if (window > 1)
            series.Add(new($"mean of {window} batches", x, MovingAverage(batchLosses, window), Palette.Training, Markers: false, Width: 2));
        return new LineChartSpec("Loss per batch", inEpochs ? "epoch" : "batch", "loss", series, YFloor: 0);
    }

    /// <summary>About a fiftieth of the run (2–200 batches); 1 (no smoothing) for fewer than 20 batches.</summary>
    internal static int MovingAverageWindow(int batches) => batches < 20 ? 1 : Math.Clamp(batches / 50, 2, 200);

    /// <summary>
    /// Centred mean: point i averages the batches within window / 2 on either side (fewer at the ends), so the
    /// smooth curve lies on the noisy one instead of lagging behind it. NaN losses are skipped.
    /// </summary>
    internal static List<double> MovingAverage(IReadOnlyList<double> values, int window)
    {
        int half = window / 2;
        var prefix = new double[values.Count + 1];
        var counts = new int[values.Count + 1];
        for (int i = 0; i < values.Count; i++)
        {
            bool ok = double.IsFinite(values[i]);
            prefix[i + 1] = prefix[i] + (ok ? values[i] : 0);
            counts[i + 1] = counts[i] + (ok ? 1 : 0);
        }
        var result = new List<double>(values.Count);
        for (int i = 0; i < values.Count; i++)
        {
            int lo = Math.Max(0, i - half), hi = Math.Min(values.Count, i + half + 1);
            int n = counts[hi] - counts[lo];
            result.Add(n > 0 ? (prefix[hi] - prefix[lo]) / n : double.NaN);
        }
        return result;
    }

    private static void Check(IReadOnlyList<EpochLogs> epochs) => ArgumentNullException.ThrowIfNull(epochs);

    private static string Capitalize(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];
}
