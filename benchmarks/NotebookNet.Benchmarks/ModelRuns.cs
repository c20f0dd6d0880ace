using System.Diagnostics;
using NotebookNet.Data;
using NotebookNet.Compute;
using NotebookNet.Losses;
using NotebookNet.Metrics;
using NotebookNet.Optimizers;

namespace NotebookNet.Benchmarks;

/// <summary>Training speed of one model, batch size, optimizer and thread count (samples/s of each repetition, sorted).</summary>
internal sealed record TrainingResult(string Model, int Batch, string Optimizer, int Threads, int SamplesPerRepetition,
    double[] SamplesPerSecond, double AllocatedBytesPerEpoch, double[] CollectionsPerEpoch, double SteadyBytesPerBatch, double LastLoss);

/// <summary>Training speed with the reference layers (plain loops), measured on fewer samples.</summary>
internal sealed record ReferenceResult(string Model, int Batch, int Threads, int Samples, double SamplesPerSecond);

/// <summary>Predict at batch 1000: samples/s of each repetition, sorted, and bytes allocated per Predict call.</summary>
internal sealed record InferenceResult(string Model, int Threads, int Samples, double[] SamplesPerSecond, double AllocatedBytesPerCall);

/// <summary>What one child process measured, and its peak working set.</summary>
internal sealed record ChildReport(List<TrainingResult> Training, ReferenceResult? Reference, List<InferenceResult> Inference, long PeakWorkingSetBytes);

/// <summary>
/// The measurements that run in a child process (one per model and batch size, one per model for inference), so
/// that each gets its own peak working set. Only the MNIST it needs is kept as floats: a training subset, or the test set.
/// </summary>
internal sealed class ModelRuns(BenchmarkOptions options)
{
    private TimeSpan WarmupTime => TimeSpan.FromMilliseconds(options.Quick ? 200 : 500);

    // --quick (under a minute for everything): small subsets, the most threads only, no steady-state allocation figure
    // and no reference-layer speed.
    private int[] ThreadCounts => options.Quick ? [options.ThreadCounts.Max()] : options.ThreadCounts;

    /// <summary>Training samples per repetition (one Fit epoch over them): a 10k subset (5k for the slow CNN2), or a few
    /// batches with --quick.</summary>
    public int TrainSamples(ModelSpec model, int batch) =>
        options.Quick ? Math.Max(2 * batch, model.Name switch { "MLP" => 2048, "Strided" => 1024, "CNN1" => 512, _ => 256 })
        : model.Name == "CNN2" ? 5000 : 10_000;

    // A model row is seconds, not microseconds: 5 repetitions (unless --reps asks for more or fewer).
    private int Repetitions => options.RepetitionsGiven ? options.Repetitions : 5;

    public ChildReport Train(ModelSpec spec, int batch)
    {
        int samples = TrainSamples(spec, batch);
        var (x, y) = LoadTrain(options.Quick ? samples : Math.Max(samples, 9 * batch));   // the steady-state measurement needs 9 batches
        var results = new List<TrainingResult>();
        foreach (int threads in ThreadCounts)
        foreach (string optimizer in new[] { "SGD", "Adam" })
            results.Add(Train(spec, batch, optimizer, threads, x, y, samples));
        long peak = Process.GetCurrentProcess().PeakWorkingSet64;   // the fast layers' peak: the reference layers keep more
        var reference = options.Quick ? null : Reference(spec, batch, ThreadCounts.Max(), x, y);
        return new ChildReport(results, reference, [], peak);
    }

    public ChildReport Infer(ModelSpec spec)
    {
        var x = LoadTest(options.Quick ? 1000 : 10_000);
        var results = new List<InferenceResult>();
        foreach (int threads in ThreadCounts)
        {
            ReleaseGarbage();
            ComputeSettings.ThreadCount = threads;
            var model = Compiled(spec, "SGD");
            var timer = Stopwatch.StartNew();
            for (int i = 0; i < 2 || timer.Elapsed < WarmupTime; i++) model.Predict(x, batchSize: 1000);
            var rates = new double[Repetitions];
            long before = GC.GetTotalAllocatedBytes(precise: true);
            for (int r = 0; r < rates.Length; r++)
            {
                long start = Stopwatch.GetTimestamp();
                model.Predict(x, batchSize: 1000);
                rates[r] = x.Shape[0] / Stopwatch.GetElapsedTime(start).TotalSeconds;
            }
            double allocated = (GC.GetTotalAllocatedBytes(precise: true) - before) / (double)rates.Length;
            Array.Sort(rates);
            results.Add(new InferenceResult(spec.Name, threads, x.Shape[0], rates, allocated));
        }
        return new ChildReport([], null, results, Process.GetCurrentProcess().PeakWorkingSet64);
    }

    private TrainingResult Train(ModelSpec spec, int batch, string optimizer, int threads, Tensor all, Tensor allY, int samples)
    {
        var (x, y) = samples == all.Shape[0] ? (all, allY) : Take(all, allY, samples);
        ReleaseGarbage();   // the previous configuration's model and buffers
        ComputeSettings.ThreadCount = threads;
        var model = Compiled(spec, optimizer);
        var warm = Take(x, y, Math.Min(x.Shape[0], 20 * batch));
        var timer = Stopwatch.StartNew();
        for (int i = 0; i < 2 || timer.Elapsed < WarmupTime; i++) model.Fit(warm.X, warm.Y, batch, epochs: 1, seed: i);

        var rates = new double[Repetitions];
        var collections = new double[3];
        int[] gcBefore = [GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2)];
        long allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        double lastLoss = double.NaN;
        for (int r = 0; r < rates.Length; r++)
        {
            long start = Stopwatch.GetTimestamp();
            var history = model.Fit(x, y, batch, epochs: 1, seed: 100 + r);
            rates[r] = x.Shape[0] / Stopwatch.GetElapsedTime(start).TotalSeconds;
            lastLoss = history.Epochs[^1].Loss;
        }
        double allocated = (GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore) / (double)rates.Length;
        for (int g = 0; g < 3; g++) collections[g] = (GC.CollectionCount(g) - gcBefore[g]) / (double)rates.Length;
        Array.Sort(rates);
        // Allocation does not depend on the thread count: measured once per optimizer, on the most threads.
        double steady = threads == ThreadCounts.Max() && !options.Quick ? SteadyBytesPerBatch(model, all, allY, batch) : double.NaN;
        return new TrainingResult(spec.Name, batch, optimizer, threads, x.Shape[0], rates, allocated, collections, steady, lastLoss);
    }

    /// <summary>
    /// Bytes one more batch costs once training runs. A Fit call allocates per call (shuffling order, batch tensors) and
    /// per epoch (logs), so compare 2 epochs with 1 epoch, on 9 batches and on 5 batches:
    /// ((A(9, 2) − A(9, 1)) − (A(5, 2) − A(5, 1))) / 4 leaves only what each batch allocates. (5, not 1: a list of fewer
    /// than 4 batch losses would not grow at all, and skew the difference.)
    /// </summary>
    private static double SteadyBytesPerBatch(Sequential model, Tensor x, Tensor y, int batch)
    {
        var few = Take(x, y, 5 * batch);
        var many = Take(x, y, 9 * batch);
        long Allocated((Tensor X, Tensor Y) data, int epochs)
        {
            long before = GC.GetTotalAllocatedBytes(precise: true);
            model.Fit(data.X, data.Y, batch, epochs);
            return GC.GetTotalAllocatedBytes(precise: true) - before;
        }
        long Delta((Tensor X, Tensor Y) data) => Allocated(data, 2) - Allocated(data, 1);
        Allocated(many, 1);   // whatever the previous, differently sized batches left to grow happens here
        return (Delta(many) - Delta(few)) / 4.0;
    }

    private ReferenceResult Reference(ModelSpec spec, int batch, int threads, Tensor x, Tensor y)
    {
        ReleaseGarbage();
        ComputeSettings.ThreadCount = threads;
        using (ComputeMode.Reference())
        {
            var model = Compiled(spec, "SGD");
            int samples = Math.Max(2 * batch, spec.Name == "CNN2" ? 512 : 1024);
            var data = Take(x, y, Math.Min(x.Shape[0], samples));
            model.Fit(Take(x, y, batch).X, Take(x, y, batch).Y, batch, epochs: 1);   // warm-up: one batch
            long start = Stopwatch.GetTimestamp();
            model.Fit(data.X, data.Y, batch, epochs: 1);
            return new ReferenceResult(spec.Name, batch, threads, data.X.Shape[0], data.X.Shape[0] / Stopwatch.GetElapsedTime(start).TotalSeconds);
        }
    }

    // Steady-state training allocates nothing, so no collection would ever free an earlier model: collect, and give the
    // memory back to the system (Aggressive decommits), so that the peak working set is this configuration's own.
    private static void ReleaseGarbage() => GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);

    private static Sequential Compiled(ModelSpec spec, string optimizer)
    {
        var model = spec.Build();
        Optimizer opt = optimizer == "Adam" ? new Adam() : new Sgd(learningRate: 0.01);
        model.Compile(opt, Loss.CategoricalCrossEntropy, Metric.Accuracy);
        return model;
    }

    private static (Tensor X, Tensor Y) Take(Tensor x, Tensor y, int count) => (x.Slice(0, count), y.Slice(0, count));

    // MNIST's loader reads the whole files; the float tensors are built for the subset only, then everything else is let go.
    private static (Tensor X, Tensor Y) LoadTrain(int count)
    {
        var set = Mnist.Load(trainCount: count, testCount: 1).Train;
        // The whole file's 47 MB of pixels are garbage now: collect before the floats are made, which then reuse the space.
        ReleaseGarbage();
        return (set.Images, set.OneHot);
    }

    private static Tensor LoadTest(int count)
    {
        var set = Mnist.Load(trainCount: 1, testCount: count).Test;
        ReleaseGarbage();
        return set.Images;
    }
}
