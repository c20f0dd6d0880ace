namespace NotebookNet.Training;

/// <summary>
/// Stops training when a logged value is NaN or ∞: Keras's <c>TerminateOnNaN</c>. Fit itself already stops at
/// the batch whose loss or gradient is not finite (and keeps the weights from before it); this callback adds the
/// epoch's other values: a validation loss or a metric that is NaN or ∞ ends training after that epoch.
/// </summary>
/// <example><code>model.Fit(x, y, epochs: 10, validationSplit: 0.1, callbacks: [new TerminateOnNaN()]);</code></example>
public sealed class TerminateOnNaN : IFitCallback
{
    private History? _history;

    /// <inheritdoc/>
    public void OnTrainBegin(Sequential model, History history) => _history = history;

    /// <inheritdoc/>
    public void OnEpochEnd(Sequential model, EpochLogs logs)
    {
        var values = new List<(string Name, double Value)> { ("loss", logs.Loss) };
        values.AddRange(logs.Metrics.Select(m => (m.Key, m.Value)));
        if (logs.ValidationLoss is { } vl) values.Add(("val_loss", vl));
        values.AddRange(logs.ValidationMetrics.Select(m => ("val_" + m.Key, m.Value)));
        var bad = values.Where(v => !double.IsFinite(v.Value)).ToList();
        if (bad.Count == 0) return;
        string reason = $"TerminateOnNaN: epoch {logs.Epoch} logged {string.Join(", ", bad.Select(b => $"{b.Name} = {b.Value}"))}; training stopped.";
        _history?.Stop(reason, diverged: true);
        model.StopTraining = true;
        Console.Error.WriteLine(reason);
    }
}
