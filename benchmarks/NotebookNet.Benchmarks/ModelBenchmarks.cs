using System.Text;

namespace NotebookNet.Benchmarks;

/// <summary>
/// The lecture's models trained on real MNIST: each model and batch size in its own child process (see
/// <see cref="ChildProcess"/>), then inference at batch 1000, then the tables: training speed (beside libtorch reference
/// figures from elsewhere, labelled as such: no verdict), memory and allocation, the reference layers' speed, inference.
/// </summary>
internal sealed class ModelBenchmarks(BenchmarkOptions options, Dictionary<int, double> peaks)
{
    public static readonly int[] Batches = [32, 128];

    private readonly List<(ChildReport Report, int Batch)> _training = [];
    private readonly List<ChildReport> _inference = [];

    public string Run()
    {
        foreach (var spec in Models.All.Where(m => options.ModelNames.Contains(m.Name)))
        {
            foreach (int batch in Batches)
            {
                Console.Error.Write($"  training {spec.Name} batch {batch}… ");
                _training.Add((ChildProcess.Run(options, "train", spec.Name, batch.ToString()), batch));
                Console.Error.WriteLine("done");
            }
            Console.Error.Write($"  inference {spec.Name}… ");
            _inference.Add(ChildProcess.Run(options, "infer", spec.Name));
            Console.Error.WriteLine("done");
        }
        var text = new StringBuilder();
        int reps = _training.Count == 0 ? 0 : _training[0].Report.Training[0].SamplesPerSecond.Length;
        text.AppendLine($"Training (one Fit epoch per repetition on an MNIST training subset; samples/s: median of {reps}, min, max)").Append(TrainingTable());
        text.AppendLine("GFLOP/s counts forward + weight gradient + input gradient of every Dense/Conv2D (not the first layer's input gradient),")
            .AppendLine("at the median; % peak = best GFLOP/s over the best FMA peak on as many threads.")
            .AppendLine(LibtorchReference.Note)
            .AppendLine();
        text.AppendLine("Memory and allocation (per Fit epoch over the subset; steady = bytes one more batch allocates)").Append(MemoryTable()).AppendLine();
        text.AppendLine("Reference layers (plain loops, ComputeMode.Reference()) against the fast path, SGD")
            .Append(options.Quick ? "(measured in the full run only)" + Environment.NewLine : ReferenceTable()).AppendLine();
        text.AppendLine("Inference (Predict, batch 1000, MNIST test images)").Append(InferenceTable());
        return text.ToString();
    }

    private string TrainingTable()
    {
        var table = new Table("Model", "Batch", "Optimizer", "Threads", "Samples/s", "Min", "Max", "GFLOP/s", "% peak", "libtorch ref.", "× ref.");
        foreach (var (report, _) in _training)
        foreach (var r in report.Training)
        {
            var spec = Models.Find(r.Model);
            double flops = Models.TrainingFlops(spec.Build().Compiled());
            double median = Median(r.SamplesPerSecond), best = r.SamplesPerSecond[^1];
            double? torch = spec.ReferenceAt(r.Batch);
            bool compared = torch is not null && r.Threads == 2;   // the reference figures are for 2 threads
            double ratio = compared ? median / torch!.Value : double.NaN;
            table.Add(r.Model, r.Batch.ToString(), r.Optimizer, r.Threads.ToString(), Rate(median), Rate(r.SamplesPerSecond[0]), Rate(best),
                Format.Number(median * flops / 1e9, "0.0"), PercentOfPeak(best * flops / 1e9, r.Threads),
                compared ? Rate(torch!.Value) : "", compared ? "×" + Format.Number(ratio, "0.00") : "");
        }
        return table.ToString();
    }

    private string MemoryTable()
    {
        var table = new Table("Model", "Batch", "Optimizer", "Threads", "Alloc/epoch", "GC 0/1/2 per epoch", "Steady B/batch", "Peak working set");
        foreach (var (report, batch) in _training)
        {
            foreach (var r in report.Training)
                table.Add(r.Model, batch.ToString(), r.Optimizer, r.Threads.ToString(), Format.Bytes(r.AllocatedBytesPerEpoch),
                    string.Join(" / ", r.CollectionsPerEpoch.Select(c => Format.Number(c, "0.#"))), double.IsNaN(r.SteadyBytesPerBatch) ? "" : Format.Number(r.SteadyBytesPerBatch, "0.#"),
                    Format.Bytes(report.PeakWorkingSetBytes));
        }
        return table.ToString();
    }

    private string ReferenceTable()
    {
        var table = new Table("Model", "Batch", "Threads", "Reference samples/s", "Samples timed", "Fast samples/s", "Speed-up");
        foreach (var (report, batch) in _training)
        {
            if (report.Reference is not { } reference) continue;
            var fast = report.Training.First(r => r.Optimizer == "SGD" && r.Threads == reference.Threads);
            double median = Median(fast.SamplesPerSecond);
            table.Add(reference.Model, batch.ToString(), reference.Threads.ToString(), Rate(reference.SamplesPerSecond), reference.Samples.ToString(),
                Rate(median), "×" + Format.Number(median / reference.SamplesPerSecond, "0"));
        }
        return table.ToString();
    }

    private string InferenceTable()
    {
        var table = new Table("Model", "Threads", "Samples/s", "Min", "Max", "GFLOP/s", "% peak", "Alloc/Predict", "Peak working set");
        foreach (var report in _inference)
        foreach (var r in report.Inference)
        {
            double flops = Models.InferenceFlops(Models.Find(r.Model).Build().Compiled());
            double median = Median(r.SamplesPerSecond);
            table.Add(r.Model, r.Threads.ToString(), Rate(median), Rate(r.SamplesPerSecond[0]), Rate(r.SamplesPerSecond[^1]),
                Format.Number(median * flops / 1e9, "0.0"), PercentOfPeak(r.SamplesPerSecond[^1] * flops / 1e9, r.Threads),
                Format.Bytes(r.AllocatedBytesPerCall), Format.Bytes(report.PeakWorkingSetBytes));
        }
        return table.ToString();
    }

    private string PercentOfPeak(double gflops, int threads) =>
        peaks.TryGetValue(threads, out double peak) ? Format.Number(100 * gflops / peak, "0.0") : "";

    private static double Median(double[] sorted) =>
        sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;

    private static string Rate(double samplesPerSecond) => Format.Number(samplesPerSecond, "0");
}

internal static class CompileExtensions
{
    /// <summary>The model compiled (shapes known), for counting FLOPs.</summary>
    public static Sequential Compiled(this Sequential model)
    {
        model.Compile(new Optimizers.Sgd(), Losses.Loss.CategoricalCrossEntropy);
        return model;
    }
}
