using NotebookNet.Layers;
using NotebookNet.Losses;
using NotebookNet.Metrics;
using NotebookNet.Optimizers;
using NotebookNet.Training;

namespace NotebookNet.Tests.Model;

public sealed class FiniteGuardTests
{
    private static Sequential ImageModel()
    {
        var model = new Sequential([new Flatten(), new Dense(3, activation: "softmax")], new Shape(4, 4, 1));
        model.Compile(new Adam(), Loss.CategoricalCrossEntropy, Metric.Accuracy);
        return model;
    }

    private static (Tensor X, Tensor Y) Images(int n)
    {
        var x = TestTensors.Uniform(1, n, 4, 4, 1);
        return (x, NotebookNet.Data.Labels.OneHot(Enumerable.Range(0, n).Select(i => i % 3).ToArray(), 3));
    }

    [Fact]
    public void Fit_rejects_nan_in_x_naming_the_array_the_first_bad_index_and_how_many()
    {
        var (x, y) = Images(20);
        x[12, 3, 2, 0] = float.NaN;
        x[15, 0, 0, 0] = float.PositiveInfinity;
        var model = ImageModel();
        var before = model.Parameters[0].Value.Data.ToArray();

        var e = Assert.Throws<ArgumentException>(() => model.Fit(x, y));

        Assert.Contains("x [20, 4, 4, 1] holds 2 NaN or infinite values", e.Message);
        Assert.Contains("the first is NaN at [12, 3, 2, 0]", e.Message);
        Assert.Equal(before, model.Parameters[0].Value.Data);
    }

    [Fact]
    public void Fit_rejects_infinity_in_y_and_in_the_validation_data_by_their_names()
    {
        var (x, y) = Images(20);
        var model = ImageModel();
        var badY = y.Clone();
        badY[7, 2] = float.PositiveInfinity;
        Assert.Contains("y [20, 3] holds 1 NaN or infinite value; the first is +∞ at [7, 2]",
            Assert.Throws<ArgumentException>(() => model.Fit(x, badY)).Message);
        var badX = x.Clone();
        badX[3, 1, 1, 0] = float.NegativeInfinity;
        Assert.Contains("validationData.X [20, 4, 4, 1] holds 1 NaN or infinite value; the first is −∞ at [3, 1, 1, 0]",
            Assert.Throws<ArgumentException>(() => model.Fit(x, y, validationData: (badX, y))).Message);
    }

    [Fact]
    public void Evaluate_and_predict_reject_nan_inputs_too()
    {
        var (x, y) = Images(10);
        x[9, 0, 3, 0] = float.NaN;
        var model = ImageModel();
        Assert.Contains("x [10, 4, 4, 1] holds 1 NaN", Assert.Throws<ArgumentException>(() => model.Predict(x)).Message);
        Assert.Contains("[9, 0, 3, 0]", Assert.Throws<ArgumentException>(() => model.Evaluate(x, y)).Message);
    }

    [Fact]
    public void A_loss_that_explodes_stops_training_at_that_batch_and_the_model_keeps_the_weights_from_before_it()
    {
        var (x, y) = SequentialTests.Blobs(256, seed: 4);
        var model = new Sequential([new Dense(16, activation: "relu"), new Dense(2)], new Shape(2));
        model.Compile(new Sgd(5), Loss.MeanSquaredError);   // far too large for this regression: the loss doubles every step
        var recorder = new WeightsAfterEachBatch();

        var history = model.Fit(x, y, batchSize: 8, epochs: 50, callbacks: [recorder]);

        Assert.True(history.Diverged);
        Assert.True(history.Interrupted);
        Assert.Contains("training stopped at epoch", history.StopReason);
        Assert.Matches(@"batch \d+/32: (the loss became|a gradient became) (NaN|\+∞)", history.StopReason);
        Assert.Contains("Likely cause: the learning rate 5 (Sgd) is too large: try 0.5", history.StopReason);
        Assert.True(recorder.Batches > 0);
        Assert.All(model.Parameters, p => Assert.True(p.Value.Data.All(float.IsFinite)));
        Assert.Equal(recorder.Last, model.Parameters.Select(p => p.Value.Data.ToArray()).ToArray());
        Assert.Equal(64, model.Predict(x.Slice(0, 64)).Shape[0]);   // still usable
    }

    [Fact]
    public void An_update_that_overflows_the_weights_is_undone_with_the_optimizer_state()
    {
        var (x, y) = SequentialTests.Blobs(16, seed: 5);
        var model = new Sequential([new Dense(2)], new Shape(2));
        model.Compile(new Sgd(1e38, momentum: 0.5), Loss.MeanSquaredError);   // any gradient above 3.4 overflows the step
        var before = model.Parameters.Select(p => p.Value.Data.ToArray()).ToArray();
        for (int i = 0; i < y.Length; i++) y.Data[i] *= 100;   // gradients of order 100

        var history = model.Fit(x, y, batchSize: 16, epochs: 1);

        Assert.True(history.Diverged);
        Assert.Contains("the update overflowed", history.StopReason);
        Assert.Equal(before, model.Parameters.Select(p => p.Value.Data.ToArray()).ToArray());
        Assert.Equal(0, model.Optimizer.Iterations);
        Assert.All(model.Parameters, p => Assert.All(model.Optimizer.StateOf("velocity", p), v => Assert.Equal(0f, v)));
    }

    private sealed class WeightsAfterEachBatch : IFitCallback
    {
        public float[][] Last { get; private set; } = [];

        public int Batches { get; private set; }

        public void OnBatchEnd(Sequential model, BatchProgress progress)
        {
            Last = model.Parameters.Select(p => p.Value.Data.ToArray()).ToArray();
            Batches++;
        }
    }
}
