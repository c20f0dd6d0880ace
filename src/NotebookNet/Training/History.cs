namespace NotebookNet.Training;

/// <summary>What one epoch of <see cref="Sequential.Fit"/> measured (Keras's <c>logs</c>).</summary>
/// <param name="Epoch">Epoch number, from 1.</param>
/// <param name="Loss">Mean training loss over the epoch's batches (weighted by batch size).</param>
/// <param name="Metrics">Mean training metrics, by name (e.g. "accuracy").</param>
/// <param name="ValidationLoss">Loss on the validation data, if any.</param>
/// <param name="ValidationMetrics">Metrics on the validation data, by name; empty without validation data.</param>
/// <param name="Duration">Wall-clock time of the epoch, validation included.</param>
/// <param name="Samples">Training samples seen in the epoch.</param>
/// <param name="LearningRate">The optimizer's learning rate during the epoch (NaN when not recorded).</param>
public sealed record EpochLogs(
    int Epoch,
    double Loss,
    IReadOnlyDictionary<string, double> Metrics,
    double? ValidationLoss,
    IReadOnlyDictionary<string, double> ValidationMetrics,
    TimeSpan Duration,
    int Samples,
    double LearningRate = double.NaN)
{
    /// <summary>
    /// A logged value by its Keras name: "loss", "val_loss", a metric ("accuracy") or its validation form
    /// ("val_accuracy"), or "learning_rate". Null when this epoch has no such value (e.g. val_ without validation data).
    /// </summary>
    public double? Value(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name == "loss") return Loss;
        if (name == "val_loss") return ValidationLoss;
        if (name == "learning_rate") return double.IsNaN(LearningRate) ? null : LearningRate;
        if (name.StartsWith("val_", StringComparison.Ordinal))
            return ValidationMetrics.TryGetValue(name[4..], out double v) ? v : null;
        return Metrics.TryGetValue(name, out double m) ? m : null;
    }

    /// <summary>Training samples per second in this epoch.</summary>
    public double SamplesPerSecond => Duration.TotalSeconds > 0 ? Samples / Duration.TotalSeconds : 0;

    /// <summary>Keras-like one-line form: "loss: 0.2714 - accuracy: 0.9213 - val_loss: ...".</summary>
    public override string ToString()
    {
        var parts = new List<string> { $"loss: {Loss:0.0000}" };
        parts.AddRange(Metrics.Select(m => $"{m.Key}: {m.Value:0.0000}"));
        if (ValidationLoss is { } vl) parts.Add($"val_loss: {vl:0.0000}");
        parts.AddRange(ValidationMetrics.Select(m => $"val_{m.Key}: {m.Value:0.0000}"));
        return $"Epoch {Epoch} - {Duration.TotalSeconds:0.0}s - " + string.Join(" - ", parts);
    }
}

/// <summary>
/// The record of a training run, as Keras's History: one <see cref="EpochLogs"/> per finished epoch and the loss of
/// every batch. If training was interrupted, <see cref="Interrupted"/> is true and the history holds what finished.
/// </summary>
public sealed class History
{
    private readonly List<EpochLogs> _epochs = [];
    private readonly List<double> _batchLosses = [];

    /// <summary>Per-epoch logs, in order.</summary>
    public IReadOnlyList<EpochLogs> Epochs => _epochs;

    /// <summary>The training loss of every batch, in order.</summary>
    public IReadOnlyList<double> BatchLosses => _batchLosses;

    /// <summary>Number of batches per epoch.</summary>
    public int BatchesPerEpoch { get; internal set; }

    /// <summary>Epochs that were asked for.</summary>
    public int EpochsRequested { get; internal set; }

    /// <summary>True if training stopped early (cancellation, <see cref="Sequential.StopTraining"/>, a callback such as
    /// EarlyStopping, or a loss that became NaN or ∞); <see cref="StopReason"/> says which.</summary>
    public bool Interrupted { get; internal set; }

    /// <summary>Why training stopped early, in a sentence ("EarlyStopping: val_loss did not improve ..."); null when
    /// nothing stopped it.</summary>
    public string? StopReason { get; private set; }

    /// <summary>True when training stopped because the loss or a gradient became NaN or ∞. The model then keeps the
    /// weights from before the bad batch (see <see cref="StopReason"/> for where and the likely cause).</summary>
    public bool Diverged { get; private set; }

    /// <summary>The learning rate of each finished epoch, as schedules and ReduceLROnPlateau set it.</summary>
    public IReadOnlyList<double> LearningRates => _epochs.Select(e => e.LearningRate).ToList();

    /// <summary>Names of the metrics recorded.</summary>
    public IReadOnlyList<string> MetricNames { get; internal set; } = [];

    /// <summary>Per-epoch training loss.</summary>
    public IReadOnlyList<double> Loss => _epochs.Select(e => e.Loss).ToList();

    /// <summary>Per-epoch validation loss (empty without validation data).</summary>
    public IReadOnlyList<double> ValidationLoss => _epochs.Where(e => e.ValidationLoss is not null).Select(e => e.ValidationLoss!.Value).ToList();

    /// <summary>Per-epoch values of a training metric, e.g. <c>Metric("accuracy")</c>; prefix "val_" for validation.</summary>
    public IReadOnlyList<double> Metric(string name)
    {
        bool validation = name.StartsWith("val_", StringComparison.Ordinal);
        string key = validation ? name[4..] : name;
        if (!MetricNames.Contains(key) && key != "loss")
            throw new KeyNotFoundException($"History has no metric '{name}'; it has: loss, {string.Join(", ", MetricNames)} (and val_ versions with validation data).");
        if (key == "loss") return validation ? ValidationLoss : Loss;
        return _epochs
            .Select(e => validation ? e.ValidationMetrics.GetValueOrDefault(key, double.NaN) : e.Metrics[key])
            .Where(v => !double.IsNaN(v)).ToList();
    }

    internal void AddBatch(double loss) => _batchLosses.Add(loss);

    /// <summary>Room for <paramref name="count"/> more batch losses, so that recording one never grows the list mid-training.</summary>
    internal void ReserveBatches(long count) => _batchLosses.EnsureCapacity((int)Math.Min(_batchLosses.Count + count, 1 << 24));

    internal void AddEpoch(EpochLogs logs) => _epochs.Add(logs);

    /// <summary>Records why training stops; the first reason given wins.</summary>
    internal void Stop(string reason, bool diverged)
    {
        if (StopReason is not null) return;
        StopReason = reason;
        Diverged = diverged;
    }

    /// <inheritdoc/>
    public override string ToString() =>
        string.Join(Environment.NewLine, _epochs.Select(e => e.ToString())) + (Interrupted ? Environment.NewLine + $"(stopped: {StopReason ?? "interrupted"})" : "");
}
