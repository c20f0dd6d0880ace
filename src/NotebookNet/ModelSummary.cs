using System.Globalization;
using System.Text;

namespace NotebookNet;

/// <summary>One layer's line in a <see cref="ModelSummary"/>.</summary>
/// <param name="LayerName">E.g. "conv2d".</param>
/// <param name="TypeName">E.g. "Conv2D".</param>
/// <param name="OutputShape">Output shape of one sample.</param>
/// <param name="ParameterCount">Number of values the layer holds, trainable and non-trainable (Keras's "Param #").</param>
/// <param name="ParameterFormula">How the count arises, e.g. "(3·3·1 + 1)·32 = 320".</param>
/// <param name="NonTrainableCount">How many of <paramref name="ParameterCount"/> are non-trainable (e.g. BatchNormalization's moving statistics).</param>
public sealed record LayerSummary(string LayerName, string TypeName, Shape OutputShape, long ParameterCount, string ParameterFormula,
    long NonTrainableCount = 0);

/// <summary>
/// What <see cref="Sequential.Summary"/> returns: data, not text. <see cref="ToString"/> gives a Keras-like table;
/// the visualization package renders it as HTML.
/// </summary>
/// <param name="ModelName">The model's name.</param>
/// <param name="InputShape">Input shape of one sample.</param>
/// <param name="Rows">One row per layer, in order.</param>
public sealed record ModelSummary(string ModelName, Shape InputShape, IReadOnlyList<LayerSummary> Rows)
{
    /// <summary>Sum of all layers' parameters.</summary>
    public long TotalParameters => Rows.Sum(r => r.ParameterCount);

    /// <summary>Parameters the optimizer changes: all but the non-trainable ones.</summary>
    public long TrainableParameters => TotalParameters - NonTrainableParameters;

    /// <summary>Values kept but not trained by gradients, e.g. BatchNormalization's moving mean and variance.</summary>
    public long NonTrainableParameters => Rows.Sum(r => r.NonTrainableCount);

    /// <summary>Memory the weights take as float32: 4 bytes each.</summary>
    public long Bytes => TotalParameters * sizeof(float);

    /// <summary>Formats a count with thousands separators: 34826 → "34,826".</summary>
    public static string Count(long n) => n.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>Formats bytes the way Keras does: "136.04 KB".</summary>
    public static string FormatBytes(long bytes) => bytes switch
    {
        < 1024 => bytes.ToString("0.00", CultureInfo.InvariantCulture) + " B",   // Keras: "0.00 B"
        < 1024 * 1024 => (bytes / 1024.0).ToString("0.00", CultureInfo.InvariantCulture) + " KB",
        _ => (bytes / (1024.0 * 1024)).ToString("0.00", CultureInfo.InvariantCulture) + " MB",
    };

    /// <summary>A Keras-like text table with the parameter formula of every layer.</summary>
    public override string ToString()
    {
        var header = new[] { "Layer (type)", "Output Shape", "Param #", "How" };
        var cells = Rows.Select(r => new[] { $"{r.LayerName} ({r.TypeName})", r.OutputShape.ToBatchString(), Count(r.ParameterCount), r.ParameterFormula }).ToList();
        var widths = Enumerable.Range(0, 4).Select(i => cells.Select(c => c[i].Length).Append(header[i].Length).Max()).ToArray();
        string Line(string[] c) => string.Join("  ", c.Select((s, i) => i == 2 ? s.PadLeft(widths[i]) : s.PadRight(widths[i]))).TrimEnd();
        int total = widths.Sum() + 6;
        var sb = new StringBuilder();
        sb.AppendLine($"Model: \"{ModelName}\"  input {InputShape.ToBatchString()}");
        sb.AppendLine(new string('━', total));
        sb.AppendLine(Line(header));
        sb.AppendLine(new string('━', total));
        foreach (var c in cells) sb.AppendLine(Line(c));
        sb.AppendLine(new string('━', total));
        sb.AppendLine($"Total params: {Count(TotalParameters)} ({FormatBytes(Bytes)})");
        sb.AppendLine($"Trainable params: {Count(TrainableParameters)} ({FormatBytes(TrainableParameters * sizeof(float))})");
        sb.Append($"Non-trainable params: {Count(NonTrainableParameters)} ({FormatBytes(NonTrainableParameters * sizeof(float))})");
        return sb.ToString();
    }
}
