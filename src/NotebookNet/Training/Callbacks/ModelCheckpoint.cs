using System.Globalization;
using System.Text.RegularExpressions;

namespace NotebookNet.Training;

/// <summary>
/// Saves the whole model (<see cref="Sequential.Save"/>: atomic, checksummed) after every epoch, or with
/// <c>saveBestOnly</c> only when the monitored value improved: Keras's <c>ModelCheckpoint</c>. The path may name
/// logged values, as Keras's does: <c>"ckpt-{epoch:00}-{val_loss:0.000}.nbm"</c>.
/// </summary>
/// <example><code>model.Fit(x, y, epochs: 10, validationSplit: 0.1, callbacks: [new ModelCheckpoint("best.nbm", saveBestOnly: true)]);
/// var best = Sequential.Load("best.nbm");</code></example>
public sealed partial class ModelCheckpoint : IFitCallback
{
    private readonly Monitor _monitor;
    private readonly bool _verbose;
    private readonly List<string> _saved = [];

    /// <summary>Creates the callback.</summary>
    /// <param name="path">The file to write; <c>{epoch}</c> or <c>{name:format}</c> are replaced by the epoch or a logged value.</param>
    /// <param name="monitor">The logged value that decides what is best.</param>
    /// <param name="saveBestOnly">Save only when the monitored value improved (the file then always holds the best model).</param>
    /// <param name="mode">Whether the value should go down or up; Auto decides from its name.</param>
    /// <param name="includeOptimizer">Keep the optimizer's state too, so that training can resume from the file.</param>
    /// <param name="verbose">Print a line at each save.</param>
    public ModelCheckpoint(string path, string monitor = "val_loss", bool saveBestOnly = false, MonitorMode mode = MonitorMode.Auto,
        bool includeOptimizer = true, bool verbose = false)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Path = path;
        _monitor = new Monitor(nameof(ModelCheckpoint), monitor, mode, 0);
        (SaveBestOnly, IncludeOptimizer, _verbose) = (saveBestOnly, includeOptimizer, verbose);
    }

    /// <summary>The path pattern.</summary>
    public string Path { get; }

    /// <summary>Whether only improvements are saved.</summary>
    public bool SaveBestOnly { get; }

    /// <summary>Whether the optimizer's state is saved.</summary>
    public bool IncludeOptimizer { get; }

    /// <summary>The best monitored value seen in the last Fit.</summary>
    public double BestValue { get; private set; }

    /// <summary>The files written in the last Fit, in order (a path written twice appears twice).</summary>
    public IReadOnlyList<string> Saved => _saved;

    /// <inheritdoc/>
    public void OnTrainBegin(Sequential model, History history)
    {
        BestValue = _monitor.Worst;
        _saved.Clear();
    }

    /// <inheritdoc/>
    public void OnEpochEnd(Sequential model, EpochLogs logs)
    {
        if (SaveBestOnly)
        {
            double current = _monitor.Read(logs);
            if (!_monitor.Improves(current, BestValue)) return;
            BestValue = current;
        }
        string path = Expand(logs);
        model.Save(path, IncludeOptimizer);
        _saved.Add(path);
        if (_verbose)
            Console.WriteLine($"Epoch {logs.Epoch}: saved the model to {path}" + (SaveBestOnly ? $" ({_monitor.Name} {Monitor.Format(BestValue)})." : "."));
    }

    private string Expand(EpochLogs logs) => Placeholder().Replace(Path, m =>
    {
        string name = m.Groups[1].Value, format = m.Groups[2].Success ? m.Groups[2].Value : "";
        if (name == "epoch") return logs.Epoch.ToString(format, CultureInfo.InvariantCulture);
        return logs.Value(name) is { } v ? v.ToString(format, CultureInfo.InvariantCulture)
            : throw new InvalidOperationException($"ModelCheckpoint: the path '{Path}' names '{name}', which epoch {logs.Epoch} did not log.");
    });

    [GeneratedRegex(@"\{(\w+)(?::([^}]+))?\}")]
    private static partial Regex Placeholder();
}
