using System.Text.Json;
using NotebookNet.Layers;
using NotebookNet.Losses;
using NotebookNet.Metrics;
using NotebookNet.Optimizers;
using NotebookNet.Training;

namespace NotebookNet.Visualization.Tests;

/// <summary>The renderers fed by the library's own objects: a built model, a real training run.</summary>
public sealed class RealModelTests
{
    private sealed class Recorder : IFitCallback
    {
        public List<BatchProgress> Batches { get; } = [];
        public History? History { get; private set; }
        public void OnTrainBegin(Sequential model, History history) => History = history;
        public void OnBatchEnd(Sequential model, BatchProgress progress) => Batches.Add(progress);
    }

    private static (Sequential Model, History History, Recorder Recorder) TrainXor()
    {
        var x = Tensor.FromRows([[0, 0], [0, 1], [1, 0], [1, 1], [0.1f, 0.1f], [0.1f, 0.9f], [0.9f, 0.1f], [0.9f, 0.9f]]);
        var y = Tensor.FromRows([[0], [1], [1], [0], [0], [1], [1], [0]]);
        var model = new Sequential(new Shape(2), "xor", seed: 7);
        model.Add(new Dense(8, "relu"));
        model.Add(new Dense(1, "sigmoid"));
        model.Compile(new Adam(0.05), Loss.BinaryCrossEntropy, Metric.Accuracy);
        var recorder = new Recorder();
        var history = model.Fit(x, y, batchSize: 4, epochs: 3, validationData: (x, y), seed: 1, callbacks: [recorder]);
        return (model, history, recorder);
    }

    [Fact]
    public void The_summary_of_the_keras_convnet_built_from_real_layers_totals_34_826()
    {
        var model = new Sequential(new Shape(28, 28, 1));
        model.Add(new Conv2D(32, 3, activation: "relu"));
        model.Add(new MaxPooling2D(2));
        model.Add(new Conv2D(64, 3, activation: "relu"));
        model.Add(new MaxPooling2D(2));
        model.Add(new Flatten());
        model.Add(new Dropout(0.5));
        model.Add(new Dense(10, "softmax"));
        model.Compile(new Adam(), Loss.CategoricalCrossEntropy, Metric.Accuracy);

        string html = ModelSummaryRenderer.ToHtml(model.Summary());

        Assert.Contains("Total params:</b> 34,826 (136.04 KB)", html);
        Assert.Contains(">18,496<", html);
        Assert.Contains("(None, 5, 5, 64)", html);
    }

    [Fact]
    public void The_filters_of_a_built_conv_layer_render_as_a_grid()
    {
        var model = new Sequential(new Shape(28, 28, 1));
        var conv = new Conv2D(32, 3, activation: "relu");
        model.Add(conv);
        model.Add(new Flatten());
        model.Add(new Dense(10, "softmax"));
        model.Compile(new Sgd(), Loss.CategoricalCrossEntropy);

        var svg = Decoded.Svg(FilterGrid.ToSvg(conv.Kernel.Value, conv.Name));

        Assert.Equal(4, svg.Descendants(Decoded.SvgNs + "image").Count());
    }

    [Fact]
    public void The_charts_of_a_real_history_carry_its_losses()
    {
        var (_, history, _) = TrainXor();

        var traces = JsonDocument.Parse(PlotlyHtml.ToJson(TrainingCharts.Loss(history))).RootElement.GetProperty("data").EnumerateArray().ToArray();
        string html = TrainingCharts.ToHtml(history);

        Assert.Equal(["loss", "val_loss"], traces.Select(t => t.GetProperty("name").GetString()));
        var y = traces[0].GetProperty("y").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        Assert.Equal(3, y.Length);
        for (int i = 0; i < 3; i++) Assert.Equal(history.Epochs[i].Loss, y[i], history.Epochs[i].Loss * 1e-4);
        Assert.Equal(3, Decoded.InlineSvgs(html).Count);      // loss, accuracy, batch loss
        Assert.Contains("3 epochs, 6 batches", html);
    }

    [Fact]
    public void The_progress_view_shows_where_a_real_run_stands()
    {
        var (_, history, recorder) = TrainXor();
        var last = recorder.Batches[^1];

        string html = TrainingProgressView.ToHtml(last, history);
        string done = TrainingProgressView.Completed(history);

        Assert.Contains(">3/3<", html);
        Assert.Contains(">2/2<", html);
        Assert.Contains("accuracy <b>", html);
        Assert.Single(Decoded.InlineSvgs(html));
        Assert.Contains("<b>Done</b>: 3 epochs", done);
        Assert.Contains("val_loss <b>", done);
    }

    [Fact]
    public void Several_histories_share_one_chart_per_quantity_one_colour_per_run()
    {
        var (_, first, _) = TrainXor();
        var (_, second, _) = TrainXor();

        string html = TrainingCharts.Compare([("run a", first), ("run b", second)]);

        var svgs = Decoded.InlineSvgs(html);
        Assert.Equal(2, svgs.Count);                         // loss and accuracy, each with both runs
        Assert.Contains("Loss per epoch", html);
        Assert.Contains("Accuracy per epoch", html);
        foreach (var name in new[] { "run a", "run b", "run a val", "run b val" }) Assert.Contains(name, html);
        Assert.Contains("2 runs: run a, run b", html);
        var ex = Assert.Throws<ArgumentException>(() => TrainingCharts.Compare([("same", first), ("same", second)]));
        Assert.Contains("'same'", ex.Message);
    }

    [Fact]
    public void The_starting_and_done_cards_name_the_model_escaped()
    {
        var (_, history, _) = TrainXor();

        string starting = TrainingProgressView.Starting("xor<1>", history);
        string done = TrainingProgressView.Completed(history, "xor<1>");

        Assert.Contains("Training <b>xor&lt;1&gt;</b>: 3 epochs of 2 batches", starting);
        Assert.Contains("model <b>xor&lt;1&gt;</b>", done);
        Assert.Contains("<b>Done</b>: 3 epochs", done);
        Assert.DoesNotContain("model <b>", TrainingProgressView.Completed(history));
    }

    [Fact]
    public void The_live_view_shows_the_learning_rate_a_schedule_set()
    {
        var (x, y) = (Tensor.FromRows([[0, 0], [0, 1], [1, 0], [1, 1]]), Tensor.FromRows([[0], [1], [1], [0]]));
        var model = new Sequential([new Dense(4, "tanh"), new Dense(1, "sigmoid")], new Shape(2));
        model.Compile(new Sgd(), Loss.BinaryCrossEntropy);
        var recorder = new Recorder();
        model.Fit(x, y, batchSize: 2, epochs: 2, callbacks: [LearningRateScheduler.Step(0.2, every: 1, factor: 0.5), recorder]);

        Assert.Contains("learning rate 0.2<", TrainingProgressView.ToHtml(recorder.Batches[0], recorder.History));
        Assert.Contains("learning rate 0.1<", TrainingProgressView.ToHtml(recorder.Batches[^1], recorder.History));
    }

    [Fact]
    public void The_final_view_of_a_run_that_early_stopping_ended_says_why()
    {
        var (x, y) = (Tensor.FromRows([[0, 0], [0, 1], [1, 0], [1, 1]]), Tensor.FromRows([[0], [1], [1], [0]]));
        var model = new Sequential([new Dense(4, "tanh"), new Dense(1, "sigmoid")], new Shape(2));
        model.Compile(new Sgd(), Loss.BinaryCrossEntropy);
        var history = model.Fit(x, y, epochs: 10, callbacks: [new EarlyStopping(monitor: "loss", minDelta: 1, patience: 1)]);

        string html = TrainingProgressView.Completed(history);

        Assert.Contains("Interrupted</b> after 2 of 10 epochs", html);
        Assert.Contains("EarlyStopping: loss did not improve for 1 epoch", html);
    }
}
