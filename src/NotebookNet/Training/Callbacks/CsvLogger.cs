using System.Globalization;

namespace NotebookNet.Training;

/// <summary>
/// Writes one line per epoch to a CSV file: epoch, loss, the metrics, the validation values and the learning rate,
/// as Keras's <c>CSVLogger</c>. Each line is appended and the file closed at once, so the file is complete after
/// every epoch (open it while training runs) and nothing stays open if Fit fails.
/// </summary>
/// <example><code>model.Fit(x, y, epochs: 5, callbacks: [new CsvLogger("training.csv")]);
/// // epoch,loss,accuracy,val_loss,val_accuracy,learning_rate
/// // 1,0.4127,0.8815,0.2051,0.9402,0.001</code></example>
public sealed class CsvLogger : IFitCallback
{
    private readonly string _separator;
    private readonly bool _append;
    private bool _headerWritten;

    /// <summary>Creates the logger.</summary>
    /// <param name="path">The CSV file.</param>
    /// <param name="separator">Between columns.</param>
    /// <param name="append">Add to an existing file instead of starting it again (the header is written only into an empty file).</param>
    public CsvLogger(string path, string separator = ",", bool append = false)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentException.ThrowIfNullOrEmpty(separator);
        (Path, _separator, _append) = (path, separator, append);
    }

    /// <summary>The CSV file.</summary>
    public string Path { get; }

    /// <inheritdoc/>
    public void OnTrainBegin(Sequential model, History history)
    {
        bool keep = _append && File.Exists(Path) && new FileInfo(Path).Length > 0;
        if (!keep) File.WriteAllText(Path, "");
        _headerWritten = keep;
    }

    /// <inheritdoc/>
    public void OnEpochEnd(Sequential model, EpochLogs logs)
    {
        var columns = new List<(string Name, string Value)> { ("epoch", logs.Epoch.ToString(CultureInfo.InvariantCulture)), ("loss", Number(logs.Loss)) };
        columns.AddRange(logs.Metrics.Select(m => (m.Key, Number(m.Value))));
        if (logs.ValidationLoss is { } vl) columns.Add(("val_loss", Number(vl)));
        columns.AddRange(logs.ValidationMetrics.Select(m => ("val_" + m.Key, Number(m.Value))));
        columns.Add(("learning_rate", Number(logs.LearningRate)));
        string text = string.Join(_separator, columns.Select(c => c.Value)) + "\n";
        if (!_headerWritten) text = string.Join(_separator, columns.Select(c => c.Name)) + "\n" + text;
        File.AppendAllText(Path, text);
        _headerWritten = true;
    }

    private static string Number(double v) => v.ToString("R", CultureInfo.InvariantCulture);
}
