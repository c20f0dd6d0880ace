using NotebookNet.Training;
using NotebookNet.Visualization.Internal;
using Plotly.NET;
using Plotly.NET.LayoutObjects;
using CSharpChart = Plotly.NET.CSharp.Chart;

namespace NotebookNet.Visualization;

/// <summary>
/// Training curves from a <see cref="History"/>: loss and val_loss per epoch, a metric and its validation value
/// per epoch, and the loss of every batch. Each chart comes three ways: a Plotly.NET <see cref="GenericChart"/>
/// (interactive, needs JavaScript), a static SVG (shows everywhere), and HTML holding both.
/// Training is always blue and solid, validation orange and dashed.
/// </summary>
/// <example><code>
/// var history = model.Fit(x, y, batchSize: 128, epochs: 10, validationSplit: 0.1);
/// string html = TrainingCharts.ToHtml(history);                // every chart, Plotly + SVG fallback
/// GenericChart loss = TrainingCharts.Loss(history);             // for Plotly.NET users
/// string json = PlotlyHtml.ToJson(loss);
/// </code></example>
public static class TrainingCharts
{
    /// <summary>loss (and val_loss, if validated) per epoch, as a Plotly chart.</summary>
    public static GenericChart Loss(History history) => Loss(Epochs(history));

    /// <summary>loss (and val_loss) per epoch from the epoch logs.</summary>
    public static GenericChart Loss(IReadOnlyList<EpochLogs> epochs) => ToPlotly(TrainingCurves.Loss(epochs));

    /// <summary>A metric (default "accuracy") and its val_ counterpart per epoch, as a Plotly chart.</summary>
    /// <exception cref="KeyNotFoundException">The history has no such metric (the message lists those it has).</exception>
    public static GenericChart Metric(History history, string metric = "accuracy") => Metric(Epochs(history), metric);

    /// <summary>A metric and its val_ counterpart per epoch from the epoch logs.</summary>
    public static GenericChart Metric(IReadOnlyList<EpochLogs> epochs, string metric = "accuracy") => ToPlotly(TrainingCurves.Metric(epochs, metric));

    /// <summary>The loss of every batch (thin) and its moving average, x in epochs.</summary>
    public static GenericChart BatchLoss(History history) =>
        BatchLoss(history?.BatchLosses ?? throw new ArgumentNullException(nameof(history)), history.BatchesPerEpoch);

    /// <summary>Per-batch losses; x in epochs if <paramref name="batchesPerEpoch"/> &gt; 0, else in batches.</summary>
    public static GenericChart BatchLoss(IReadOnlyList<double> batchLosses, int batchesPerEpoch = 0) =>
        ToPlotly(TrainingCurves.BatchLoss(batchLosses, batchesPerEpoch));

    /// <summary>The loss chart as static SVG.</summary>
    public static string LossSvg(IReadOnlyList<EpochLogs> epochs) => LineChartSvg.Render(TrainingCurves.Loss(epochs));

    /// <summary>The metric chart as static SVG.</summary>
    public static string MetricSvg(IReadOnlyList<EpochLogs> epochs, string metric = "accuracy") => LineChartSvg.Render(TrainingCurves.Metric(epochs, metric));

    /// <summary>The per-batch loss chart as static SVG.</summary>
    public static string BatchLossSvg(IReadOnlyList<double> batchLosses, int batchesPerEpoch = 0) =>
        LineChartSvg.Render(TrainingCurves.BatchLoss(batchLosses, batchesPerEpoch));

    /// <summary>
    /// Every chart of the history (loss, each metric, per-batch loss), each as a Plotly chart with its SVG
    /// fallback (see <see cref="PlotlyHtml.Combine"/>).
    /// </summary>
    public static string ToHtml(History history)
    {
        ArgumentNullException.ThrowIfNull(history);
        return ToHtml(history.Epochs, history.BatchLosses, history.BatchesPerEpoch, history.Interrupted);
    }

    /// <summary>Every chart from epoch logs and batch losses (see <see cref="ToHtml(History)"/>).</summary>
    public static string ToHtml(IReadOnlyList<EpochLogs> epochs, IReadOnlyList<double> batchLosses, int batchesPerEpoch = 0, bool interrupted = false)
    {
        ArgumentNullException.ThrowIfNull(epochs);
        ArgumentNullException.ThrowIfNull(batchLosses);
        var specs = new List<LineChartSpec>();
        if (epochs.Count > 0)
        {
            specs.Add(TrainingCurves.Loss(epochs));
            specs.AddRange(epochs[0].Metrics.Keys.Select(m => TrainingCurves.Metric(epochs, m)));
        }
        if (batchLosses.Count > 0) specs.Add(TrainingCurves.BatchLoss(batchLosses, batchesPerEpoch));
        string note = epochs.Count == 0 && batchLosses.Count == 0
            ? Html.Note("No epoch has finished yet.")
            : Html.Note($"{epochs.Count} epoch{(epochs.Count == 1 ? "" : "s")}, {Format.Count(batchLosses.Count)} batches" +
                        (interrupted ? " · training was interrupted" : "") + ". Static pictures show where JavaScript does not run.");
        return "<div class=\"nn-training-charts\">" +
               string.Concat(specs.Select(s => PlotlyHtml.Combine(ToPlotly(s), LineChartSvg.Render(s)))) + note + "</div>";
    }

    /// <summary>
    /// Several runs compared: one chart for the loss and one per metric of the first run, each run in its own colour
    /// (validation values dashed), each chart Plotly with its SVG fallback.
    /// </summary>
    /// <exception cref="ArgumentException">No runs, or two runs with one name.</exception>
    public static string Compare(IEnumerable<(string Name, History History)> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var list = runs.Select(r => (r.Name, Epochs: Epochs(r.History))).ToList();
        if (list.Count == 0) throw new ArgumentException("TrainingCharts.Compare needs at least one run.", nameof(runs));
        if (list.GroupBy(r => r.Name).FirstOrDefault(g => g.Count() > 1) is { } twice)
            throw new ArgumentException($"TrainingCharts.Compare: two runs are named '{twice.Key}'; give each run its own name.", nameof(runs));
        var quantities = new[] { "loss" }.Concat(list[0].Epochs.FirstOrDefault()?.Metrics.Keys ?? []);
        var specs = quantities.Select(q => TrainingCurves.Compare(list, q)).ToList();
        return "<div class=\"nn-training-charts\">" +
               string.Concat(specs.Select(s => PlotlyHtml.Combine(ToPlotly(s), LineChartSvg.Render(s)))) +
               Html.Note($"{list.Count} runs: {Format.Escape(string.Join(", ", list.Select(r => r.Name)))}. Static pictures show where JavaScript does not run.") +
               "</div>";
    }

    internal static GenericChart ToPlotly(LineChartSpec spec)
    {
        var traces = spec.Series.Select(s =>
        {
            // Five significant digits are plenty on screen and keep a 5,000-batch history small.
            var line = CSharpChart.Line<double, double, string>(
                s.X.Select(Round), s.Y.Select(Round),
                ShowMarkers: s.Markers,
                Name: s.Name,
                LineColor: Color.fromHex(s.Color.Hex),
                LineWidth: s.Width,
                LineDash: s.Dashed ? StyleParam.DrawingStyle.Dash : StyleParam.DrawingStyle.Solid);
            // JSON has no NaN: write a missing value (e.g. val_loss of an epoch without validation) as null, a gap.
            if (s.Y.Any(v => !double.IsFinite(v)))
                foreach (var trace in GenericChart.getTraces(line))
                    trace.SetProperty("y", s.Y.Select(v => double.IsFinite(v) ? (object)Round(v) : null).ToArray());
            return line;
        });
        var chart = CSharpChart.Combine(traces);
        chart = Plotly.NET.Chart.withTemplate(Template.init<Trace>(new Layout(), null)).Invoke(chart);
        return GenericChart.addLayout(Layout(spec), chart);
    }

    private static double Round(double v)
    {
        if (v == 0 || !double.IsFinite(v)) return v;
        int digits = 5 - (int)Math.Floor(Math.Log10(Math.Abs(v))) - 1;
        return digits is >= 0 and <= 15 ? Math.Round(v, digits) : v;
    }

    private static Layout Layout(LineChartSpec spec)
    {
        var font = new { family = SvgWriter.FontFamily, size = 12, color = Palette.Ink.Hex };
        var layout = new Layout();
        layout.SetProperty("title", new { text = spec.Title, x = 0.02, font = new { size = 15 } });
        layout.SetProperty("font", font);
        layout.SetProperty("width", spec.Width);
        layout.SetProperty("height", spec.Height);
        layout.SetProperty("paper_bgcolor", "#ffffff");
        layout.SetProperty("plot_bgcolor", "#ffffff");
        layout.SetProperty("margin", new { l = 64, r = 16, t = 52, b = 46 });
        layout.SetProperty("legend", new { orientation = "h", x = 1, xanchor = "right", y = 1.02, yanchor = "bottom" });
        layout.SetProperty("hovermode", "x unified");
        // The same ranges as the SVG fallback, so the picture does not jump when plotly.js takes over.
        var ranges = LineChartSvg.Ranges(spec);
        bool everyEpoch = spec.IntegerX && ranges is { } r && r.XMax - r.XMin <= 13;
        layout.SetProperty("xaxis", Axis(spec.XTitle, everyEpoch ? 1 : null, ranges is { } rx ? [rx.XMin, rx.XMax] : null));
        layout.SetProperty("yaxis", Axis(spec.YTitle, null, ranges is { } ry ? [ry.YMin, ry.YMax] : null));
        return layout;
    }

    private static LinearAxis Axis(string title, double? dtick, double[]? range)
    {
        var axis = new LinearAxis();
        axis.SetProperty("title", new { text = title });
        axis.SetProperty("gridcolor", Palette.Grid.Hex);
        axis.SetProperty("linecolor", Palette.MutedInk.Hex);
        axis.SetProperty("zeroline", false);
        axis.SetProperty("ticks", "outside");
        if (dtick is not null) axis.SetProperty("dtick", dtick.Value);
        if (range is not null) axis.SetProperty("range", range);
        return axis;
    }

    private static IReadOnlyList<EpochLogs> Epochs(History history)
    {
        ArgumentNullException.ThrowIfNull(history);
        return history.Epochs;
    }
}
