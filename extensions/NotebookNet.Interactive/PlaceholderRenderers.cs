using System.Globalization;
using System.Net;
using System.Text;
using NotebookNet.Training;

namespace NotebookNet.Interactive;

/// <summary>
/// Minimal HTML for tensors and shapes until the renderers of NotebookNet.Visualization are wired in.
/// </summary>
internal static class PlaceholderRenderers
{
    private const int PreviewRows = 8;
    private const int PreviewColumns = 8;

    /// <summary>The shape as Keras prints it, e.g. <c>(28, 28, 1)</c>.</summary>
    public static string ShapeHtml(Shape shape) =>
        $"<code class=\"notebooknet-shape\">{WebUtility.HtmlEncode(shape.ToString())}</code>";

    /// <summary>The tensor's shape, value range and, for rank 1 or 2, a corner of its values.</summary>
    public static string TensorHtml(Tensor tensor)
    {
        var html = new StringBuilder("<div class=\"notebooknet-tensor\">");
        html.Append($"<div><b>Tensor</b> shape {WebUtility.HtmlEncode(tensor.ShapeString)}, {tensor.Length} values");
        if (tensor.Length > 0)
            html.Append($", min {Number(tensor.Data.Min())}, max {Number(tensor.Data.Max())}");
        html.Append("</div>");
        if (tensor.Rank is 1 or 2 && tensor.Length > 0)
            AppendPreview(html, tensor);
        return html.Append("</div>").ToString();
    }

    private static void AppendPreview(StringBuilder html, Tensor tensor)
    {
        int rows = tensor.Rank == 1 ? 1 : tensor.Shape[0];
        int columns = tensor.Shape[^1];
        html.Append("<table>");
        for (int r = 0; r < Math.Min(rows, PreviewRows); r++)
        {
            html.Append("<tr>");
            for (int c = 0; c < Math.Min(columns, PreviewColumns); c++)
                html.Append("<td>").Append(Number(tensor.Data[r * columns + c])).Append("</td>");
            if (columns > PreviewColumns) html.Append("<td>…</td>");
            html.Append("</tr>");
        }
        if (rows > PreviewRows) html.Append("<tr><td>⋮</td></tr>");
        html.Append("</table>");
    }

    /// <summary>Shown when Fit begins, before the first batch ends.</summary>
    public static string TrainingStartingHtml(Sequential model, History history) =>
        $"<div class=\"notebooknet-training\">Training <b>{WebUtility.HtmlEncode(model.Name)}</b>: {history.EpochsRequested} epochs of {history.BatchesPerEpoch} batches …</div>";

    /// <summary>Where training stands: a progress bar, the running loss and metrics, and the finished epochs.</summary>
    public static string TrainingProgressHtml(BatchProgress progress, History history)
    {
        int done = (progress.Epoch - 1) * progress.Batches + progress.Batch;
        var html = new StringBuilder("<div class=\"notebooknet-training\">");
        html.Append($"<progress value=\"{done}\" max=\"{progress.Epochs * progress.Batches}\"></progress> ");
        html.Append($"epoch {progress.Epoch}/{progress.Epochs} · batch {progress.Batch}/{progress.Batches} · loss {Number(progress.RunningLoss)}");
        foreach (var (name, value) in progress.RunningMetrics) html.Append($" · {WebUtility.HtmlEncode(name)} {Number(value)}");
        html.Append($" · {progress.SamplesPerSecond.ToString("0", CultureInfo.InvariantCulture)} samples/s · about {progress.Remaining.TotalSeconds.ToString("0", CultureInfo.InvariantCulture)} s left");
        AppendEpochs(html, history);
        return html.Append("</div>").ToString();
    }

    /// <summary>The final state: every epoch's logs, and whether training was interrupted.</summary>
    public static string TrainingFinishedHtml(History history)
    {
        var html = new StringBuilder("<div class=\"notebooknet-training\">");
        html.Append(history.Interrupted
            ? $"<b>Interrupted</b> after {history.Epochs.Count} of {history.EpochsRequested} epochs."
            : $"Trained {history.Epochs.Count} epochs.");
        AppendEpochs(html, history);
        return html.Append("</div>").ToString();
    }

    private static void AppendEpochs(StringBuilder html, History history)
    {
        if (history.Epochs.Count == 0) return;
        html.Append("<pre>");
        foreach (var epoch in history.Epochs.TakeLast(10)) html.Append(WebUtility.HtmlEncode(epoch.ToString())).Append('\n');
        html.Append("</pre>");
    }

    private static string Number(double value) => value.ToString("G4", CultureInfo.InvariantCulture);

    private static string Number(float value) => value.ToString("G4", CultureInfo.InvariantCulture);
}
