namespace NotebookNet.Training;

/// <summary>
/// Stops training when the monitored value has not improved for <c>patience</c> epochs: Keras's
/// <c>EarlyStopping</c> (val_loss, min delta 0, patience 0 by default). With <c>restoreBestWeights</c> the model ends
/// with the weights of its best epoch, whether training stopped early or ran all its epochs.
/// </summary>
/// <example><code>model.Fit(x, y, epochs: 50, validationSplit: 0.1, callbacks: [new EarlyStopping(patience: 3, restoreBestWeights: true)]);</code></example>
public sealed class EarlyStopping : IFitCallback
{
    private readonly Monitor _monitor;
    private readonly bool _verbose;
    private ModelSnapshot? _best;
    private History? _history;
    private int _wait;

    /// <summary>Creates the callback.</summary>
    /// <param name="monitor">The logged value to watch: "val_loss", "loss", "val_accuracy", ...</param>
    /// <param name="minDelta">The smallest change that counts as an improvement.</param>
    /// <param name="patience">Epochs without improvement before stopping (0: stop at the first epoch that does not improve).</param>
    /// <param name="restoreBestWeights">Put the best epoch's weights back when training ends.</param>
    /// <param name="mode">Whether the value should go down or up; Auto decides from its name.</param>
    /// <param name="verbose">Print a line when it stops and when it restores.</param>
    public EarlyStopping(string monitor = "val_loss", double minDelta = 0, int patience = 0, bool restoreBestWeights = false,
        MonitorMode mode = MonitorMode.Auto, bool verbose = false)
    {
        if (patience < 0) throw new ArgumentOutOfRangeException(nameof(patience), patience, $"EarlyStopping: received patience={patience}; it must be ≥ 0.");
        _monitor = new Monitor(nameof(EarlyStopping), monitor, mode, minDelta);
        (Patience, RestoreBestWeights, _verbose) = (patience, restoreBestWeights, verbose);
    }

    /// <summary>Epochs without improvement before stopping.</summary>
    public int Patience { get; }

    /// <summary>Whether the best epoch's weights are put back at the end.</summary>
    public bool RestoreBestWeights { get; }

    /// <summary>The best epoch of the last Fit (0 before any).</summary>
    public int BestEpoch { get; private set; }

    /// <summary>The monitored value at <see cref="BestEpoch"/>.</summary>
    public double BestValue { get; private set; }

    /// <summary>The epoch after which training was stopped, or 0 if it ran all its epochs.</summary>
    public int StoppedEpoch { get; private set; }

    /// <inheritdoc/>
    public void OnTrainBegin(Sequential model, History history)
    {
        (_history, _wait, BestEpoch, BestValue, StoppedEpoch) = (history, 0, 0, _monitor.Worst, 0);
        if (RestoreBestWeights) _best = new ModelSnapshot(model, includeOptimizer: false);   // per Fit: the callback may move to another model
    }

    /// <inheritdoc/>
    public void OnEpochEnd(Sequential model, EpochLogs logs)
    {
        double current = _monitor.Read(logs);
        if (_monitor.Improves(current, BestValue))
        {
            (BestValue, BestEpoch, _wait) = (current, logs.Epoch, 0);
            _best?.Take();
            return;
        }
        if (++_wait < Patience) return;
        StoppedEpoch = logs.Epoch;
        string reason = $"EarlyStopping: {_monitor.Name} did not improve for {_wait} epoch{(_wait == 1 ? "" : "s")} " +
            $"(best {Monitor.Format(BestValue)} at epoch {BestEpoch}); stopped after epoch {logs.Epoch}" +
            (RestoreBestWeights ? $", the weights of epoch {BestEpoch} restored." : ".");
        _history?.Stop(reason, diverged: false);
        model.StopTraining = true;
        if (_verbose) Console.WriteLine($"Epoch {logs.Epoch}: early stopping ({reason})");
    }

    /// <inheritdoc/>
    public void OnTrainEnd(Sequential model, History history)
    {
        if (_best is not { IsTaken: true } || history.Epochs.Count == 0 || history.Epochs[^1].Epoch == BestEpoch) return;
        _best.Restore();
        if (_verbose) Console.WriteLine($"EarlyStopping: restored the weights of epoch {BestEpoch} ({_monitor.Name} {Monitor.Format(BestValue)}).");
    }
}
