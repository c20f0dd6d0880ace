using System.Globalization;
using NotebookNet.Layers;
using NotebookNet.Training;

namespace NotebookNet;

public sealed partial class Sequential
{
    /// <summary>
    /// Fails when <paramref name="t"/> holds NaN or ∞, naming the array, the first bad value's index (as a tensor index)
    /// and how many there are. One vectorised pass when all is well (on this scope's threads for a large array); the
    /// counting pass only for a bad array.
    /// </summary>
    private void RequireFinite(Tensor t, string arrayName)
    {
        if (Compute.FiniteScan.All(t.Data, Compute.ComputeSettings.ThreadCount)) return;
        int first = -1, count = 0;
        var data = t.Data;
        for (int i = 0; i < data.Length; i++)
        {
            if (float.IsFinite(data[i])) continue;
            if (first < 0) first = i;
            count++;
        }
        throw new ArgumentException(
            $"Sequential '{Name}': {arrayName} {t.ShapeString} holds {count:N0} NaN or infinite value{(count == 1 ? "" : "s")}; " +
            $"the first is {Describe(data[first])} at {IndexString(first, t.Shape)}. Replace or drop those samples before training.",
            arrayName);
    }

    /// <summary>
    /// Samples [start, start + count) of <paramref name="source"/> copied into a batch from <paramref name="buffer"/>
    /// (as <see cref="CopyBatch"/>) and checked for NaN/∞ in the same pass: Predict and Evaluate change nothing, so a
    /// batch-by-batch check loses nothing against a scan before the first batch, and costs no pass of its own over
    /// memory. A bad batch makes <see cref="RequireFinite"/> scan the whole array, so the error names the first bad
    /// value and counts them all, as for Fit.
    /// </summary>
    private Tensor CopyFiniteBatch(BatchBuffer buffer, Tensor source, Shape sample, int start, int count, string arrayName)
    {
        var batch = buffer.Get(count, sample);
        int per = sample.Size;
        if (!Compute.Reductions.CopyAllFinite(source.Span.Slice(start * per, count * per), batch.Span)) RequireFinite(source, arrayName);
        return batch;
    }

    private static string Describe(float v) => float.IsNaN(v) ? "NaN" : v > 0 ? "+∞" : "−∞";

    // The row-major position flat as a tensor index: [sample, row, column, channel] for images.
    private static string IndexString(int flat, int[] shape)
    {
        var index = new int[shape.Length];
        for (int d = shape.Length - 1; d >= 0; d--)
        {
            index[d] = flat % shape[d];
            flat /= shape[d];
        }
        return "[" + string.Join(", ", index) + "]";
    }

    // Why Fit stopped at a bad batch, and what probably caused it.
    private string DivergenceMessage(TrainingStep step, double loss, int epoch, int epochs, int batch, int batches, History history)
    {
        string Value(double v) => double.IsNaN(v) ? "NaN" : double.IsInfinity(v) ? (v > 0 ? "+∞" : "−∞") : v.ToString("G4", CultureInfo.InvariantCulture);
        string what = step.Fault switch
        {
            StepFault.Loss => $"the loss became {Value(loss)}",
            StepFault.Gradient => $"a gradient became {Value(step.LargestGradient)} (the loss was {Value(loss)})",
            _ => $"the update overflowed (largest gradient {Value(step.LargestGradient)}); the step was undone",
        };
        var losses = history.BatchLosses;
        string trend = losses.Count > 0 ? $" The batch loss went from {Value(losses[0])} at the first batch to {Value(losses[^1])} at the last good one." : "";
        string cause = losses.Count == 0 && !Parameters.All(p => Compute.Reductions.AllFinite(p.Value.Span))
            ? "the weights already held NaN or ∞ before this Fit (the inputs are finite: Fit checked them)."
            : $"the learning rate {Value(Optimizer.LearningRate)} ({Optimizer.GetType().Name}) is too large: " +
              $"try {Value(Optimizer.LearningRate / 10)} (10 times smaller), or a LearningRateScheduler / ReduceLROnPlateau callback.";
        return $"Sequential '{Name}': training stopped at epoch {epoch}/{epochs}, batch {batch}/{batches}: {what}." + trend +
               $" Likely cause: {cause} The model keeps the weights from before this batch.";
    }
}
