using NotebookNet.Layers;
using NotebookNet.Losses;
using NotebookNet.Metrics;
using NotebookNet.Optimizers;

namespace NotebookNet.Tests.Model;

public sealed class SequentialTests
{
    internal static Sequential KerasMnistConvnet(int seed = 42)
    {
        var model = new Sequential(new Shape(28, 28, 1), "keras_mnist_convnet", seed);
        model.Add(new Conv2D(32, 3, activation: "relu"));
        model.Add(new MaxPooling2D(2));
        model.Add(new Conv2D(64, 3, activation: "relu"));
        model.Add(new MaxPooling2D(2));
        model.Add(new Flatten());
        model.Add(new Dropout(0.5));
        model.Add(new Dense(10, activation: "softmax"));
        model.Compile(new Adam(), Loss.CategoricalCrossEntropy, Metric.Accuracy);
        return model;
    }

    [Fact]
    public void The_keras_io_mnist_convnet_has_exactly_the_keras_parameter_counts()
    {
        var summary = KerasMnistConvnet().Summary();
        Assert.Equal([320L, 0, 18_496, 0, 0, 0, 16_010], summary.Rows.Select(r => r.ParameterCount));
        Assert.Equal(34_826, summary.TotalParameters);
        Assert.Equal(new Shape(5, 5, 64), summary.Rows[3].OutputShape);
        Assert.Equal(new Shape(1600), summary.Rows[4].OutputShape);
        Assert.Equal("(3·3·1 + 1)·32 = 320", summary.Rows[0].ParameterFormula);
        Assert.Contains("34,826", summary.ToString());
    }

    [Fact]
    public void Layers_get_keras_like_names_in_order()
    {
        var model = KerasMnistConvnet();
        Assert.Equal(["conv2d", "max_pooling2d", "conv2d_1", "max_pooling2d_1", "flatten", "dropout", "dense"], model.Layers.Select(l => l.Name));
    }

    [Fact]
    public void The_lecture_dense_model_for_a_100x100_image_has_about_one_million_weights()
    {
        var model = new Sequential([new Flatten(), new Dense(100, activation: "sigmoid"), new Dense(3, activation: "softmax")], new Shape(100, 100, 1));
        Assert.Equal(100 * 100 * 100 + 100 + (100 + 1) * 3, model.Summary().TotalParameters);   // 1,000,403
    }

    [Fact]
    public void The_lecture_localized_detectors_have_about_65k_weights()
    {
        var model = new Sequential(
            [new LocallyConnected2D(25, 25, strides: 75, activation: "sigmoid"), new Flatten(), new Dense(3, activation: "softmax")],
            new Shape(100, 100, 1));
        var summary = model.Summary();
        Assert.Equal(new Shape(2, 2, 25), summary.Rows[0].OutputShape);          // 4 locations × 25 detectors = 100 hidden
        Assert.Equal(2 * 2 * (25 * 25 + 1) * 25 + (100 + 1) * 3, summary.TotalParameters);   // 62,903
    }

    [Fact]
    public void The_lecture_shared_weights_model_has_about_16k_weights()
    {
        var model = new Sequential(
            [new Conv2D(25, 25, strides: 75, activation: "sigmoid"), new Flatten(), new Dense(3, activation: "softmax")],
            new Shape(100, 100, 1));
        Assert.Equal((25 * 25 + 1) * 25 + (100 + 1) * 3, model.Summary().TotalParameters);   // 15,953
    }

    [Fact]
    public void Compile_names_the_layer_and_both_shapes_when_a_stack_does_not_fit()
    {
        var model = new Sequential(new Shape(28, 28, 1));
        model.Add(new Conv2D(8, 3));
        model.Add(new Dense(10));   // needs a Flatten first
        var e = Assert.Throws<ShapeMismatchException>(() => model.Compile(new Sgd(), Loss.MeanSquaredError));
        Assert.Contains("dense", e.Message);
        Assert.Contains("26, 26, 8", e.Message);
    }

    [Fact]
    public void Fit_rejects_inputs_of_the_wrong_shape_naming_both_shapes()
    {
        var model = XorModel();
        var e = Assert.Throws<ArgumentException>(() => model.Fit(new Tensor(4, 3), new Tensor(4, 1)));
        Assert.Contains("[4, 3]", e.Message);
        Assert.Contains("(None, 2)", e.Message);
        var e2 = Assert.Throws<ArgumentException>(() => model.Fit(new Tensor(4, 2), new Tensor(5, 1)));
        Assert.Contains("5 samples", e2.Message);
    }

    [Fact]
    public void Fit_rejects_a_zero_batch_size_echoing_the_value()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => XorModel().Fit(XorX(), XorY(), batchSize: 0));
        Assert.Contains("batchSize=0", e.Message);
    }

    [Fact]
    public void An_mlp_learns_xor()
    {
        var model = XorModel();
        var history = model.Fit(XorX(), XorY(), batchSize: 4, epochs: 600);
        Assert.Equal([0, 1, 1, 0], model.PredictClasses(XorX()));
        Assert.True(history.Loss[^1] < history.Loss[0] / 10, $"loss went from {history.Loss[0]} to {history.Loss[^1]}");
    }

    [Fact]
    public void The_same_seed_gives_the_same_weights_and_the_same_training_run()
    {
        var a = XorModel(seed: 7);
        var b = XorModel(seed: 7);
        var c = XorModel(seed: 8);
        Assert.Equal(a.Parameters[0].Value.Data, b.Parameters[0].Value.Data);
        Assert.NotEqual(a.Parameters[0].Value.Data, c.Parameters[0].Value.Data);
        var ha = a.Fit(XorX(), XorY(), batchSize: 2, epochs: 20);
        var hb = b.Fit(XorX(), XorY(), batchSize: 2, epochs: 20);
        Assert.Equal(ha.BatchLosses, hb.BatchLosses);
        Assert.Equal(a.Parameters[^1].Value.Data, b.Parameters[^1].Value.Data);
    }

    [Fact]
    public void History_records_every_epoch_and_batch_with_validation()
    {
        var (x, y) = Blobs(200, seed: 1);
        var model = new Sequential([new Dense(8, activation: "relu"), new Dense(2, activation: "softmax")], new Shape(2));
        model.Compile(new Sgd(0.1), Loss.CategoricalCrossEntropy, Metric.Accuracy);
        var history = model.Fit(x, y, batchSize: 32, epochs: 3, validationSplit: 0.2);
        Assert.Equal(3, history.Epochs.Count);
        Assert.Equal(5, history.BatchesPerEpoch);                  // 160 training samples / 32
        Assert.Equal(15, history.BatchLosses.Count);
        Assert.Equal(3, history.ValidationLoss.Count);
        Assert.Equal(3, history.Metric("val_accuracy").Count);
        Assert.All(history.Metric("accuracy"), a => Assert.InRange(a, 0, 1));
        Assert.False(history.Interrupted);
    }

    [Fact]
    public void Training_raises_the_probability_of_the_true_class()
    {
        var (x, y) = Blobs(100, seed: 2);
        var model = new Sequential([new Dense(2, activation: "softmax")], new Shape(2));
        model.Compile(new Sgd(0.5), Loss.CategoricalCrossEntropy, Metric.Accuracy);
        double before = TrueClassProbability(model, x, y);
        model.Fit(x, y, batchSize: 10, epochs: 5);
        Assert.True(TrueClassProbability(model, x, y) > before + 0.2);
        Assert.True(model.Evaluate(x, y).Accuracy > 0.9);
    }

    [Fact]
    public void Cancelling_stops_at_a_batch_boundary_and_keeps_what_finished()
    {
        var (x, y) = Blobs(64, seed: 3);
        var model = new Sequential([new Dense(2, activation: "softmax")], new Shape(2));
        model.Compile(new Sgd(0.1), Loss.CategoricalCrossEntropy);
        using var cts = new CancellationTokenSource();
        var callback = new CancelAfter(cts, batches: 5);
        var history = model.Fit(x, y, batchSize: 16, epochs: 10, callbacks: [callback], cancellationToken: cts.Token);
        Assert.True(history.Interrupted);
        Assert.Equal(5, history.BatchLosses.Count);
        Assert.Single(history.Epochs);                             // epoch 1 (4 batches) finished, epoch 2 did not
        Assert.Equal(64, model.Predict(x).Shape[0]);               // still usable
        Assert.True(callback.Ended);
    }

    [Fact]
    public void Predict_gives_one_output_row_per_sample_in_any_batch_size()
    {
        var model = XorModel();
        var p1 = model.Predict(XorX(), batchSize: 1);
        var p3 = model.Predict(XorX(), batchSize: 3);
        Assert.Equal([4, 1], p1.Shape);
        Assert.Equal(p1.Data, p3.Data);
    }

    internal static Sequential XorModel(int seed = 1)
    {
        var model = new Sequential(new Shape(2), "xor", seed);
        model.Add(new Dense(8, activation: "tanh"));
        model.Add(new Dense(1, activation: "sigmoid"));
        model.Compile(new Adam(0.05), Loss.BinaryCrossEntropy, Metric.Accuracy);
        return model;
    }

    internal static Tensor XorX() => Tensor.FromRows([[0, 0], [0, 1], [1, 0], [1, 1]]);

    internal static Tensor XorY() => new([0, 1, 1, 0], 4, 1);

    // Two Gaussian blobs around (−1, −1) and (1, 1), one-hot labels.
    internal static (Tensor X, Tensor Y) Blobs(int n, int seed)
    {
        var random = new Random(seed);
        var x = new Tensor(n, 2);
        var y = new Tensor(n, 2);
        for (int i = 0; i < n; i++)
        {
            int c = i % 2;
            x[i, 0] = (float)(c * 2 - 1 + random.NextDouble() - 0.5);
            x[i, 1] = (float)(c * 2 - 1 + random.NextDouble() - 0.5);
            y[i, c] = 1;
        }
        return (x, y);
    }

    private static double TrueClassProbability(Sequential model, Tensor x, Tensor y)
    {
        var p = model.Predict(x);
        return Enumerable.Range(0, x.Shape[0]).Average(i => p[i, y[i, 1] == 1 ? 1 : 0]);
    }

    private sealed class CancelAfter(CancellationTokenSource cts, int batches) : Training.IFitCallback
    {
        private int _seen;

        public bool Ended { get; private set; }

        public void OnBatchEnd(Sequential model, Training.BatchProgress progress)
        {
            if (++_seen == batches) cts.Cancel();
        }

        public void OnTrainEnd(Sequential model, Training.History history) => Ended = true;
    }
}
