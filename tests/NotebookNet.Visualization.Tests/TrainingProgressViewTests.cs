using NotebookNet.Training;

namespace NotebookNet.Visualization.Tests;

public sealed class TrainingProgressViewTests
{
    private static BatchProgress Progress(int epoch, int batch) => new(
        epoch, 10, batch, 400, Loss: 0.3, RunningLoss: 0.25,
        new Dictionary<string, double> { ["accuracy"] = 0.9312 }, SamplesSeen: batch * 128,
        Elapsed: TimeSpan.FromSeconds(batch * 0.05), TotalElapsed: TimeSpan.FromSeconds(((epoch - 1) * 400 + batch) * 0.05));

    [Fact]
    public void Shows_epoch_batch_speed_times_and_running_metrics()
    {
        string html = TrainingProgressView.ToHtml(Progress(3, 100), [0.9, 0.8, 0.7], []);

        Assert.Contains(">3/10<", html);
        Assert.Contains(">100/400<", html);
        Assert.Contains("2,560 samples/s", html);          // 12,800 samples in 5 s
        Assert.Contains("elapsed 0:45", html);              // 900 batches × 0.05 s
        Assert.Contains("left ≈ 2:35", html);               // 3,100 batches to go at 0.05 s each
        Assert.Contains("loss <b>0.25</b>", html);
        Assert.Contains("accuracy <b>0.9312</b>", html);
    }

    [Fact]
    public void Progress_bars_fill_to_the_fraction_done()
    {
        string html = TrainingProgressView.ToHtml(Progress(3, 100), [], []);

        Assert.Contains("width:22.5%", html);   // (2 + 100/400) / 10 of all epochs
        Assert.Contains("width:25%", html);     // 100 of 400 batches in this epoch
    }

    [Fact]
    public void The_last_finished_epoch_brings_its_validation_values()
    {
        var epoch = new EpochLogs(2, 0.31, new Dictionary<string, double> { ["accuracy"] = 0.9 }, 0.35,
            new Dictionary<string, double> { ["accuracy"] = 0.88 }, TimeSpan.FromSeconds(20), 51_200);

        string html = TrainingProgressView.ToHtml(Progress(3, 1), [], [epoch]);

        Assert.Contains("epoch 2:", html);
        Assert.Contains("val_loss <b>0.35</b>", html);
        Assert.Contains("val_accuracy <b>0.88</b>", html);
    }

    [Fact]
    public void The_tiny_curve_is_well_formed_svg_with_the_last_loss()
    {
        double[] losses = Enumerable.Range(0, 500).Select(i => 2.0 / (1 + i / 50.0)).ToArray();   // last: 2 / 10.98 = 0.18215

        var svg = Decoded.Svg(TrainingProgressView.Curve(losses, 100));

        Assert.Contains(svg.Descendants(Decoded.SvgNs + "text"), t => t.Value.Contains("last 0.1821"));
        Assert.Equal(4, svg.Descendants(Decoded.SvgNs + "line").Count());   // a dashed line at each epoch end
    }
}
