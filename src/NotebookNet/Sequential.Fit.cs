using System.Diagnostics;
using NotebookNet.Layers;
using NotebookNet.Training;

namespace NotebookNet;

public sealed partial class Sequential
{
    /// <summary>
    /// Trains the model: Keras's <c>fit</c>. Each epoch shuffles the samples (from <paramref name="seed"/>, default the
    /// model's seed), splits them into batches of <paramref name="batchSize"/>, and after each batch takes one optimizer
    /// step on the batch's mean loss.
    /// </summary>
    /// <param name="x">Inputs <c>[N, ...input shape]</c>.</param>
    /// <param name="y">Targets <c>[N, ...output shape]</c> (or <c>[N]</c> class indices for sparse categorical cross-entropy).</param>
    /// <param name="batchSize">Samples per weight update (default 32, as Keras).</param>
    /// <param name="epochs">Passes over the data.</param>
    /// <param name="learningRate">If given, sets the optimizer's learning rate before training.</param>
    /// <param name="validationSplit">Fraction of the samples, taken from the end before shuffling as Keras does, kept for validation.</param>
    /// <param name="validationData">Separate validation inputs and targets (overrides <paramref name="validationSplit"/>).</param>
    /// <param name="shuffle">Shuffle the training samples every epoch.</param>
    /// <param name="seed">Seed of the shuffling; the same seed gives the same run.</param>
    /// <param name="callbacks">Hooks called per batch and per epoch (besides those registered in <see cref="FitCallbacks"/>).</param>
    /// <param name="verbose">Print one line per epoch to the console.</param>
    /// <param name="cancellationToken">Cancelling stops training at the next batch boundary; the History then says Interrupted.
    /// An interrupted <see cref="Interruption"/> scope does the same.</param>
    /// <returns>Per-epoch and per-batch losses and metrics.</returns>
    public History Fit(
        Tensor x, Tensor y, int batchSize = 32, int epochs = 1, double? learningRate = null,
        double validationSplit = 0, (Tensor X, Tensor Y)? validationData = null, bool shuffle = true, int? seed = null,
        IEnumerable<IFitCallback>? callbacks = null, bool verbose = false, CancellationToken cancellationToken = default)
    {
        CheckX(x, nameof(x));
        CheckBatchSize(batchSize);
        if (epochs < 0) throw new ArgumentOutOfRangeException(nameof(epochs), epochs, $"Received epochs={epochs}; it must not be negative.");
        if (!(validationSplit >= 0 && validationSplit < 1))
            throw new ArgumentOutOfRangeException(nameof(validationSplit), validationSplit, $"Received validationSplit={validationSplit}; it must be in [0, 1).");
        CheckY(x, y, nameof(y));
        RequireFinite(x, "x");
        RequireFinite(y, "y");
        if (learningRate is { } lr) Optimizer.LearningRate = lr;

        var (trainX, trainY, valX, valY) = SplitValidation(x, y, validationSplit, validationData);
        int n = trainX.Shape[0];
        if (n == 0) throw new ArgumentException($"Sequential '{Name}': no training samples are left after the validation split of {validationSplit}.", nameof(validationSplit));

        int batches = (n + batchSize - 1) / batchSize;
        var history = new History { BatchesPerEpoch = batches, EpochsRequested = epochs, MetricNames = Metrics.Select(m => m.Name).ToList() };
        var hooks = FitCallbacks.Create(this);
        if (callbacks is not null) hooks.AddRange(callbacks);
        var random = new Random(seed ?? Seed);
        var order = Enumerable.Range(0, n).ToArray();
        var batch = new BatchBuffers(trainX, trainY, _trainInputBatches, _trainTargetBatches);
        var step = new TrainingStep(this);
        history.ReserveBatches((long)batches * epochs);
        var total = Stopwatch.StartNew();
        StopTraining = false;

        foreach (var h in hooks) h.OnTrainBegin(this, history);
        for (int epoch = 1; epoch <= epochs && !Stopped(cancellationToken); epoch++)
        {
            foreach (var h in hooks) h.OnEpochBegin(this, epoch);
            double rate = Optimizer.LearningRate;   // after the hooks: a schedule sets this epoch's rate there
            if (shuffle) random.Shuffle(order);
            var clock = Stopwatch.StartNew();
            var sums = new RunningMeans(Metrics.Count);
            for (int b = 0; b < batches; b++)
            {
                if (Stopped(cancellationToken)) break;
                int count = Math.Min(batchSize, n - b * batchSize);
                var (bx, by) = batch.Fill(order.AsSpan(b * batchSize, count));
                double loss = step.Run(bx, by);
                if (step.Fault != StepFault.None)
                {
                    history.Stop(DivergenceMessage(step, loss, epoch, epochs, b + 1, batches, history), diverged: true);
                    Console.Error.WriteLine(history.StopReason);
                    break;
                }
                sums.Add(loss, step.MetricValues, count);
                history.AddBatch(loss);
                if (hooks.Count == 0) continue;   // a progress record per batch only for someone who reads it
                var progress = new BatchProgress(epoch, epochs, b + 1, batches, loss, sums.Loss, sums.Metrics(Metrics),
                    sums.Samples, clock.Elapsed, total.Elapsed, rate);
                foreach (var h in hooks) h.OnBatchEnd(this, progress);
            }
            if (sums.Samples < n) break; // interrupted inside the epoch: an unfinished epoch gets no logs
            if (!TryValidate(valX, valY, cancellationToken, out var valLoss, out var valMetrics)) break;
            var logs = new EpochLogs(epoch, sums.Loss, sums.Metrics(Metrics), valLoss, valMetrics, clock.Elapsed, n, rate);
            history.AddEpoch(logs);
            if (verbose) Console.WriteLine($"Epoch {epoch}/{epochs} - {logs.ToString()[(logs.ToString().IndexOf(" - ", StringComparison.Ordinal) + 3)..]}");
            foreach (var h in hooks) h.OnEpochEnd(this, logs);
        }
        history.Interrupted = Stopped(cancellationToken) || history.Epochs.Count < epochs;
        if (history.Interrupted) history.Stop(StopTraining ? "StopTraining was set (by a callback)" : "interrupted", diverged: false);
        foreach (var h in hooks) h.OnTrainEnd(this, history);
        return history;
    }

    /// <summary>Mean loss and metrics on <paramref name="x"/>, <paramref name="y"/>: Keras's <c>evaluate</c>.</summary>
    /// <exception cref="OperationCanceledException">The <see cref="Interruption"/> scope was interrupted (checked per batch).</exception>
    public Evaluation Evaluate(Tensor x, Tensor y, int batchSize = 256)
    {
        CheckX(x, nameof(x));
        CheckY(x, y, nameof(y));
        CheckBatchSize(batchSize);
        var (loss, metrics) = EvaluateCore(x, y, batchSize, checkFinite: true);
        return new Evaluation(loss ?? double.NaN, metrics);
    }

    private bool Stopped(CancellationToken token) => StopTraining || token.IsCancellationRequested || Interruption.IsRequested;

    // The epoch's validation; false when training was stopped before or during it (the epoch then gets no logs).
    private bool TryValidate(Tensor? x, Tensor? y, CancellationToken token, out double? loss, out Dictionary<string, double> metrics)
    {
        (loss, metrics) = (null, []);
        if (x is null) return true;
        if (Stopped(token)) return false;
        try
        {
            (loss, metrics) = EvaluateCore(x, y!, 256, checkFinite: false);   // Fit checked them before training
            return true;
        }
        catch (OperationCanceledException) when (Interruption.IsRequested)
        {
            return false;
        }
    }

    private double ComputeLoss(Tensor output, Tensor y, Tensor? gradient) =>
        _fuseSoftmax ? Loss.ComputeFromSoftmax(output, y, gradient) : Loss.Compute(output, y, gradient);

    // checkFinite: each batch is checked for NaN/∞ as it is copied (see CopyFiniteBatch).
    private (double? Loss, Dictionary<string, double> Metrics) EvaluateCore(Tensor x, Tensor y, int batchSize, bool checkFinite)
    {
        int n = x.Shape[0];
        var sums = new RunningMeans(Metrics.Count);
        var ySample = new Shape(y.Shape[1..]);
        var metrics = new double[Metrics.Count];
        for (int start = 0; start < n; start += batchSize)
        {
            if (Interruption.IsRequested) throw Interruption.Interrupted($"Sequential '{Name}'.Evaluate", $"after {start:N0} of {n:N0} samples");
            int count = Math.Min(batchSize, n - start);
            var (bx, by) = checkFinite
                ? (CopyFiniteBatch(_inputBatches, x, InputShape, start, count, "x"), CopyFiniteBatch(_targetBatches, y, ySample, start, count, "y"))
                : (CopyBatch(_inputBatches, x, InputShape, start, count), CopyBatch(_targetBatches, y, ySample, start, count));
            var output = ForwardAll(bx, training: false);
            for (int i = 0; i < metrics.Length; i++) metrics[i] = Metrics[i].Compute(output, by);
            sums.Add(ComputeLoss(output, by, null), metrics, count);
        }
        return (sums.Loss, new Dictionary<string, double>(sums.Metrics(Metrics)));
    }

    private void CheckY(Tensor x, Tensor y, string argumentName)
    {
        ArgumentNullException.ThrowIfNull(y, argumentName);
        if (y.Rank == 0 || y.Shape[0] != x.Shape[0])
            throw new ArgumentException($"Sequential '{Name}': {argumentName} has {(y.Rank == 0 ? 0 : y.Shape[0])} samples ({y.ShapeString}) but x has {x.Shape[0]}.", argumentName);
        Loss.CheckTargets(OutputShape, y, argumentName);
    }

    private (Tensor X, Tensor Y, Tensor? ValX, Tensor? ValY) SplitValidation(Tensor x, Tensor y, double split, (Tensor X, Tensor Y)? data)
    {
        if (data is { } d)
        {
            CheckX(d.X, "validationData.X");
            CheckY(d.X, d.Y, "validationData.Y");
            RequireFinite(d.X, "validationData.X");
            RequireFinite(d.Y, "validationData.Y");
            return (x, y, d.X, d.Y);
        }
        if (split == 0) return (x, y, null, null);
        int n = x.Shape[0], nVal = (int)(n * split);
        if (nVal == 0) return (x, y, null, null);
        return (x.Slice(0, n - nVal), y.Slice(0, n - nVal), x.Slice(n - nVal, nVal), y.Slice(n - nVal, nVal));
    }

    // The batch tensors (the model's, kept from one Fit to the next: the full batch size and a smaller last one),
    // refilled with the samples of each batch.
    private sealed class BatchBuffers(Tensor x, Tensor y, BatchBuffer xBatches, BatchBuffer yBatches)
    {
        private readonly Shape _xSample = new(x.Shape[1..]), _ySample = new(y.Shape[1..]);

        public (Tensor X, Tensor Y) Fill(ReadOnlySpan<int> indices)
        {
            var (bx, by) = (xBatches.Get(indices.Length, _xSample), yBatches.Get(indices.Length, _ySample));
            Copy(x, bx, indices);
            Copy(y, by, indices);
            return (bx, by);
        }

        private static void Copy(Tensor source, Tensor target, ReadOnlySpan<int> indices)
        {
            int per = source.Length / source.Shape[0];
            for (int i = 0; i < indices.Length; i++)
                Array.Copy(source.Data, indices[i] * per, target.Data, i * per, per);
        }
    }

    // Sample-weighted means of the loss and metrics over the batches seen so far.
    private sealed class RunningMeans(int metricCount)
    {
        private double _loss;
        private readonly double[] _metrics = new double[metricCount];

        public int Samples { get; private set; }

        public double Loss => Samples == 0 ? double.NaN : _loss / Samples;

        public void Add(double loss, double[] metrics, int count)
        {
            _loss += loss * count;
            for (int i = 0; i < metrics.Length; i++) _metrics[i] += metrics[i] * count;
            Samples += count;
        }

        public IReadOnlyDictionary<string, double> Metrics(IReadOnlyList<Metrics.Metric> metrics) =>
            metrics.Select((m, i) => (m.Name, Value: Samples == 0 ? double.NaN : _metrics[i] / Samples))
                   .ToDictionary(p => p.Name, p => p.Value);
    }
}

/// <summary>What <see cref="Sequential.Evaluate"/> returns: the mean loss and metrics.</summary>
/// <param name="Loss">Mean loss.</param>
/// <param name="Metrics">Mean metrics by name.</param>
public sealed record Evaluation(double Loss, IReadOnlyDictionary<string, double> Metrics)
{
    /// <summary>The "accuracy" metric (NaN if it was not compiled in).</summary>
    public double Accuracy => Metrics.GetValueOrDefault("accuracy", double.NaN);

    /// <inheritdoc/>
    public override string ToString() => $"loss: {Loss:0.0000}" + string.Concat(Metrics.Select(m => $" - {m.Key}: {m.Value:0.0000}"));
}
