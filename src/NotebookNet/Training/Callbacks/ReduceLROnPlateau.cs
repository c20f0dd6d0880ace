namespace NotebookNet.Training;

/// <summary>
/// Multiplies the learning rate by <c>factor</c> when the monitored value has not improved for <c>patience</c>
/// epochs: Keras's <c>ReduceLROnPlateau</c>, same defaults (val_loss, factor 0.1, patience 10, min delta 1e-4).
/// After a reduction it waits <c>cooldown</c> epochs before counting again, and never goes below <c>minLearningRate</c>.
/// </summary>
/// <example><code>model.Fit(x, y, epochs: 20, validationSplit: 0.1, callbacks: [new ReduceLROnPlateau(factor: 0.5, patience: 2)]);</code></example>
public sealed class ReduceLROnPlateau : IFitCallback
{
    private readonly Monitor _monitor;
    private readonly bool _verbose;
    private double _best;
    private int _wait, _cooldownLeft;

    /// <summary>Creates the callback.</summary>
    /// <param name="monitor">The logged value to watch: "val_loss", "loss", "val_accuracy", ...</param>
    /// <param name="factor">New rate = rate · factor, in (0, 1).</param>
    /// <param name="patience">Epochs without improvement before a reduction (≥ 0).</param>
    /// <param name="minDelta">The smallest change that counts as an improvement.</param>
    /// <param name="cooldown">Epochs to wait after a reduction before counting again.</param>
    /// <param name="minLearningRate">The lowest rate it sets.</param>
    /// <param name="mode">Whether the value should go down or up; Auto decides from its name.</param>
    /// <param name="verbose">Print a line at each reduction.</param>
    public ReduceLROnPlateau(string monitor = "val_loss", double factor = 0.1, int patience = 10, double minDelta = 1e-4,
        int cooldown = 0, double minLearningRate = 0, MonitorMode mode = MonitorMode.Auto, bool verbose = false)
    {
        if (!(factor > 0 && factor < 1))
            throw new ArgumentOutOfRangeException(nameof(factor), factor, $"ReduceLROnPlateau: received factor={factor}; it must be in (0, 1).");
        if (patience < 0) throw new ArgumentOutOfRangeException(nameof(patience), patience, $"ReduceLROnPlateau: received patience={patience}; it must be ≥ 0.");
        if (cooldown < 0) throw new ArgumentOutOfRangeException(nameof(cooldown), cooldown, $"ReduceLROnPlateau: received cooldown={cooldown}; it must be ≥ 0.");
        if (!(minLearningRate >= 0))
            throw new ArgumentOutOfRangeException(nameof(minLearningRate), minLearningRate, $"ReduceLROnPlateau: received minLearningRate={minLearningRate}; it must be ≥ 0.");
        _monitor = new Monitor(nameof(ReduceLROnPlateau), monitor, mode, minDelta);
        (Factor, Patience, Cooldown, MinLearningRate, _verbose) = (factor, patience, cooldown, minLearningRate, verbose);
    }

    /// <summary>The factor applied at each reduction.</summary>
    public double Factor { get; }

    /// <summary>Epochs without improvement before a reduction.</summary>
    public int Patience { get; }

    /// <summary>Epochs to wait after a reduction.</summary>
    public int Cooldown { get; }

    /// <summary>The lowest rate it sets.</summary>
    public double MinLearningRate { get; }

    /// <summary>The epochs after which the rate was reduced, in the last Fit.</summary>
    public IReadOnlyList<int> ReducedAfter => _reducedAfter;

    private readonly List<int> _reducedAfter = [];

    /// <inheritdoc/>
    public void OnTrainBegin(Sequential model, History history)
    {
        (_best, _wait, _cooldownLeft) = (_monitor.Worst, 0, 0);
        _reducedAfter.Clear();
    }

    /// <inheritdoc/>
    public void OnEpochEnd(Sequential model, EpochLogs logs)
    {
        double current = _monitor.Read(logs);
        if (_cooldownLeft > 0)
        {
            _cooldownLeft--;
            _wait = 0;
        }
        bool cooling = _cooldownLeft > 0;   // after the count-down, as Keras checks it
        if (_monitor.Improves(current, _best))
        {
            (_best, _wait) = (current, 0);
            return;
        }
        if (cooling || ++_wait < Patience) return;
        double old = model.Optimizer.LearningRate;
        if (old > MinLearningRate)
        {
            double rate = Math.Max(old * Factor, MinLearningRate);
            if (rate > 0) model.Optimizer.LearningRate = rate;
            _reducedAfter.Add(logs.Epoch);
            if (_verbose) Console.WriteLine($"Epoch {logs.Epoch}: ReduceLROnPlateau reducing learning rate to {Monitor.Format(rate)}.");
        }
        (_cooldownLeft, _wait) = (Cooldown, 0);
    }
}
