using System.Globalization;

namespace NotebookNet.Training;

/// <summary>Whether a monitored value improves by going down or up; Auto decides from its name as Keras does
/// (accuracy goes up, everything else, such as a loss, goes down).</summary>
public enum MonitorMode
{
    /// <summary>Max for names containing "acc", else Min.</summary>
    Auto,

    /// <summary>Lower is better (a loss).</summary>
    Min,

    /// <summary>Higher is better (an accuracy).</summary>
    Max,
}

/// <summary>
/// The value that EarlyStopping, ReduceLROnPlateau and ModelCheckpoint watch: its name in the epoch logs, the
/// direction of improvement and the smallest change that counts as one (Keras's <c>monitor</c>, <c>mode</c>,
/// <c>min_delta</c>).
/// </summary>
internal sealed class Monitor
{
    private readonly string _owner;

    public Monitor(string owner, string name, MonitorMode mode, double minDelta)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (!(minDelta >= 0))
            throw new ArgumentOutOfRangeException(nameof(minDelta), minDelta, $"{owner}: received minDelta={minDelta}; it must be ≥ 0.");
        _owner = owner;
        Name = name;
        Maximize = mode == MonitorMode.Max || (mode == MonitorMode.Auto && name.Contains("acc", StringComparison.Ordinal));
        MinDelta = minDelta;
    }

    public string Name { get; }

    public bool Maximize { get; }

    public double MinDelta { get; }

    /// <summary>The worst possible value, to start from.</summary>
    public double Worst => Maximize ? double.NegativeInfinity : double.PositiveInfinity;

    /// <summary>True when <paramref name="current"/> beats <paramref name="best"/> by more than MinDelta.</summary>
    public bool Improves(double current, double best) =>
        Maximize ? current - MinDelta > best : current + MinDelta < best;

    /// <summary>The monitored value of an epoch; fails, listing what is logged, when the epoch has no such value.</summary>
    public double Read(EpochLogs logs)
    {
        if (logs.Value(Name) is { } v) return v;
        var names = new List<string> { "loss" };
        names.AddRange(logs.Metrics.Keys);
        if (logs.ValidationLoss is not null) names.Add("val_loss");
        names.AddRange(logs.ValidationMetrics.Keys.Select(k => "val_" + k));
        string hint = Name.StartsWith("val_", StringComparison.Ordinal) && logs.ValidationLoss is null
            ? " Pass validationSplit or validationData to Fit, or monitor a training value such as \"loss\"." : "";
        throw new InvalidOperationException(
            $"{_owner} monitors '{Name}', but epoch {logs.Epoch} logged only {string.Join(", ", names)}.{hint}");
    }

    public static string Format(double v) => v.ToString("0.#####", CultureInfo.InvariantCulture);
}
