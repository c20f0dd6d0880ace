using System.Text.Json;
using NotebookNet.Training;
using NotebookNet.Visualization.Internal;

namespace NotebookNet.Visualization.Tests;

public sealed class TrainingChartsTests
{
    private static EpochLogs Epoch(int n, double loss, double accuracy, double? valLoss = null, double? valAccuracy = null) =>
        new(n, loss, new Dictionary<string, double> { ["accuracy"] = accuracy }, valLoss,
            valAccuracy is null ? new Dictionary<string, double>() : new Dictionary<string, double> { ["accuracy"] = valAccuracy.Value },
            TimeSpan.FromSeconds(1), 100);

    private static readonly EpochLogs[] ThreeEpochs =
    [
        Epoch(1, 0.5, 0.75, 0.625, 0.625),
        Epoch(2, 0.25, 0.875, 0.375, 0.8125),
        Epoch(3, 0.125, 0.9375, 0.3125, 0.84375),
    ];

    private static JsonElement[] Traces(string json) => JsonDocument.Parse(json).RootElement.GetProperty("data").EnumerateArray().ToArray();

    private static double[] Numbers(JsonElement trace, string axis) => trace.GetProperty(axis).EnumerateArray().Select(v => v.GetDouble()).ToArray();

    [Fact]
    public void The_loss_chart_json_has_loss_and_val_loss_per_epoch()
    {
        var traces = Traces(PlotlyHtml.ToJson(TrainingCharts.Loss(ThreeEpochs)));

        Assert.Equal(["loss", "val_loss"], traces.Select(t => t.GetProperty("name").GetString()));
        Assert.Equal([1.0, 2.0, 3.0], Numbers(traces[0], "x"));
        Assert.Equal([0.5, 0.25, 0.125], Numbers(traces[0], "y"));
        Assert.Equal([0.625, 0.375, 0.3125], Numbers(traces[1], "y"));
    }

    [Fact]
    public void The_accuracy_chart_json_has_accuracy_and_val_accuracy()
    {
        var traces = Traces(PlotlyHtml.ToJson(TrainingCharts.Metric(ThreeEpochs)));

        Assert.Equal(["accuracy", "val_accuracy"], traces.Select(t => t.GetProperty("name").GetString()));
        Assert.Equal([0.75, 0.875, 0.9375], Numbers(traces[0], "y"));
        Assert.Equal([0.625, 0.8125, 0.84375], Numbers(traces[1], "y"));
    }

    [Fact]
    public void Without_validation_there_is_no_val_series()
    {
        var traces = Traces(PlotlyHtml.ToJson(TrainingCharts.Loss([Epoch(1, 0.5, 0.5), Epoch(2, 0.25, 0.75)])));

        Assert.Equal(["loss"], traces.Select(t => t.GetProperty("name").GetString()));
    }

    [Fact]
    public void An_epoch_without_validation_is_a_gap_written_as_null()
    {
        var traces = Traces(PlotlyHtml.ToJson(TrainingCharts.Loss([Epoch(1, 0.5, 0.5, 0.75), Epoch(2, 0.25, 0.75)])));

        var valY = traces[1].GetProperty("y").EnumerateArray().ToArray();
        Assert.Equal(0.75, valY[0].GetDouble());
        Assert.Equal(JsonValueKind.Null, valY[1].ValueKind);
    }

    [Fact]
    public void Asking_for_a_metric_that_was_not_recorded_lists_the_ones_that_were()
    {
        var e = Assert.Throws<KeyNotFoundException>(() => TrainingCharts.Metric(ThreeEpochs, "precision"));

        Assert.Contains("\"precision\"", e.Message);
        Assert.Contains("accuracy", e.Message);
    }

    [Fact]
    public void The_batch_loss_chart_counts_x_in_epochs_and_adds_a_moving_average()
    {
        double[] losses = Enumerable.Range(0, 40).Select(i => 1.0 / (i + 1)).ToArray();

        var traces = Traces(PlotlyHtml.ToJson(TrainingCharts.BatchLoss(losses, batchesPerEpoch: 20)));

        Assert.Equal("batch loss", traces[0].GetProperty("name").GetString());
        Assert.Equal(40, Numbers(traces[0], "y").Length);
        Assert.Equal(0.05, Numbers(traces[0], "x")[0]);      // batch 1 of 20 is 1/20 of an epoch
        Assert.Equal(2.0, Numbers(traces[0], "x")[^1]);
        Assert.Equal("mean of 2 batches", traces[1].GetProperty("name").GetString());
    }

    [Fact]
    public void The_moving_average_is_centred()
    {
        Assert.Equal([1.5, 2, 3, 4, 4.5], TrainingCurves.MovingAverage([1, 2, 3, 4, 5], 3));
        Assert.Equal([1.0, 2.0, 3.0], TrainingCurves.MovingAverage([1, double.NaN, 3], 3));   // NaN skipped, not counted
    }

    [Fact]
    public void The_static_svg_is_well_formed_with_title_axes_and_legend()
    {
        var svg = Decoded.Svg(TrainingCharts.LossSvg(ThreeEpochs));

        var texts = svg.Descendants(Decoded.SvgNs + "text").Select(t => t.Value).ToList();
        Assert.Contains("Loss per epoch", texts);
        Assert.Contains("epoch", texts);
        Assert.Contains("loss", texts);
        Assert.Contains("val_loss", texts);
        Assert.Equal(["1", "2", "3"], texts.Where(t => t.Length == 1 && char.IsDigit(t[0])).ToArray());
        Assert.Equal(6, svg.Descendants(Decoded.SvgNs + "circle").Count());   // a marker per epoch and series
    }

    [Fact]
    public void The_y_axis_ends_on_labelled_ticks()
    {
        // Losses 0.17 … 1.03: ticks every 0.5 from 0 up to 1.5, both ends labelled.
        var svg = Decoded.Svg(TrainingCharts.LossSvg([Epoch(1, 1.03, 0.5, 0.28), Epoch(2, 0.26, 0.5, 0.21), Epoch(3, 0.17, 0.5, 0.18)]));

        var yLabels = svg.Descendants(Decoded.SvgNs + "text").Where(t => t.Attribute("text-anchor")?.Value == "end").Select(t => t.Value);
        Assert.Equal(["0.0", "0.5", "1.0", "1.5"], yLabels);
    }

    [Fact]
    public void The_svg_markers_sit_at_the_values()
    {
        var svg = Decoded.Svg(TrainingCharts.LossSvg([Epoch(1, 0.2, 0.5), Epoch(2, 0.4, 0.5)]));

        // y axis 0.2..0.4 after nice expansion; the second point is higher (smaller y in SVG).
        var ys = svg.Descendants(Decoded.SvgNs + "circle").Select(c => double.Parse(c.Attribute("cy")!.Value, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        Assert.True(ys[1] < ys[0]);
    }

    [Fact]
    public void Html_holds_each_plotly_chart_with_its_svg_fallback()
    {
        string html = TrainingCharts.ToHtml(ThreeEpochs, [0.9, 0.7, 0.6, 0.4, 0.3, 0.2], batchesPerEpoch: 2);

        Assert.Equal(3, Decoded.InlineSvgs(html).Count);                    // loss, accuracy, batch loss
        Assert.Equal(3, html.Split("Plotly.newPlot(").Length - 1);
        Assert.Contains($"https://cdn.plot.ly/plotly-{PlotlyHtml.PlotlyJsVersion}.min", html);
        Assert.Contains("requirejs", html);
        Assert.Contains("3 epochs, 6 batches", html);
    }

    [Fact]
    public void Decimation_keeps_the_lowest_and_highest_point_of_each_pixel()
    {
        var points = Enumerable.Range(0, 1000).Select(i => (i / 100.0, (double)(i % 7))).ToList();

        var kept = LineChartSvg.Decimate(points, 5);

        Assert.Equal(20, kept.Count);
        Assert.Equal(0, kept.Where(p => p.X < 1).Min(p => p.Y));
        Assert.Equal(6, kept.Where(p => p.X < 1).Max(p => p.Y));
    }
}
