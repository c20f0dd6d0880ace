using System.Diagnostics;
using NotebookNet.Compute;
using NotebookNet.Layers;
using NotebookNet.Losses;
using NotebookNet.Optimizers;

namespace NotebookNet.Benchmarks;

/// <summary>
/// Where a training step's time goes: each layer's Forward and Backward timed on its own (median over repetitions of
/// the whole step), as Fit runs them (the first layer with weights skips its input gradient), plus the loss and the
/// optimizer step. Random inputs of MNIST's shape: the cost does not depend on the values.
/// </summary>
internal sealed class LayerProfile(BenchmarkOptions options, Dictionary<int, double> peaks)
{
    public string Run(ModelSpec spec, int batch, int threads)
    {
        ComputeSettings.ThreadCount = threads;
        var model = spec.Build();
        var optimizer = new Adam();
        model.Compile(optimizer, Loss.CategoricalCrossEntropy);
        var x = new Tensor(Data.Random(batch * 784, 11), batch, 28, 28, 1);
        var y = new Tensor(batch, 10);
        for (int i = 0; i < batch; i++) y[i, i % 10] = 1f;
        var layers = model.Layers;
        int first = layers.ToList().FindIndex(l => l.Parameters.Count > 0);
        var parameters = model.Parameters;
        var loss = Loss.CategoricalCrossEntropy;
        var gradient = new Tensor(batch, 10);
        var macs = Models.MultiplyAdds(model);

        int stages = 2 * layers.Count + 2;
        var times = new double[stages][];
        int reps = Math.Max(options.Repetitions, 15);
        for (int s = 0; s < stages; s++) times[s] = new double[reps];
        void Step(int r)
        {
            var t = x;
            for (int i = 0; i < layers.Count; i++) t = Time(times, i, r, () => layers[i].Forward(t, training: true));
            Time(times, 2 * layers.Count, r, () => loss.Compute(t, y, gradient));
            var g = gradient;
            for (int i = layers.Count - 1; i >= Math.Max(first, 0); i--)
            {
                var layer = layers[i];
                var input = g;
                if (i == first) Time(times, layers.Count + i, r, () => { layer.BackwardParametersOnly(input); return input; });
                else g = Time(times, layers.Count + i, r, () => layer.Backward(input));
            }
            Time(times, stages - 1, r, () => { optimizer.Step(parameters); return gradient; });
        }
        var warm = Stopwatch.StartNew();
        while (warm.Elapsed < TimeSpan.FromMilliseconds(500)) Step(-1);   // until the JIT has optimised everything
        for (int r = 0; r < reps; r++) Step(r);

        var table = new Table("Step", "Median", "Min", "Share", "GFLOP/s", "% peak");
        double total = times.Sum(Median);
        for (int s = 0; s < stages; s++)
        {
            bool forward = s < layers.Count, backward = s >= layers.Count && s < 2 * layers.Count;
            var layer = forward ? layers[s] : backward ? layers[s - layers.Count] : null;
            if (backward && s - layers.Count < first) continue;
            string name = layer is null ? (s == stages - 1 ? "optimizer step (Adam)" : "loss") : $"{layer.Name} {(forward ? "forward" : "backward")}";
            string gflops = "", ofPeak = "";
            if (layer is Dense or Conv2D)
            {
                int index = layers.Take(forward ? s : s - layers.Count).Count(l => l is Dense or Conv2D);
                double flops = 2.0 * macs[index] * batch * (forward ? 1 : s - layers.Count == first ? 1 : 2);
                gflops = Format.Number(flops / Median(times[s]) / 1e9, "0.0");
                if (peaks.TryGetValue(threads, out double peak)) ofPeak = Format.Number(100 * flops / times[s].Min() / 1e9 / peak, "0");
            }
            table.Add(name, Format.Time(Median(times[s])), Format.Time(times[s].Min()), Format.Number(100 * Median(times[s]) / total, "0") + " %", gflops, ofPeak);
        }
        return $"{spec.Name}, batch {batch}, {threads} thread(s): {Format.Time(total)} per step (sum of medians) = " +
            $"{Format.Number(batch / total, "0")} samples/s\n" + table;
    }

    private static T Time<T>(double[][] times, int stage, int rep, Func<T> step)
    {
        long start = Stopwatch.GetTimestamp();
        var result = step();
        if (rep >= 0) times[stage][rep] = Stopwatch.GetElapsedTime(start).TotalSeconds;
        return result;
    }

    private static double Median(double[] values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
