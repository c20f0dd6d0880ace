using NotebookNet.Layers;
using NotebookNet.Losses;
using NotebookNet.Metrics;
using NotebookNet.Neurons;
using NotebookNet.Optimizers;
using NotebookNet.Training;

namespace NotebookNet.Tests;

public sealed class InterruptionTests
{
    private static Sequential SmallModel()
    {
        var model = new Sequential([new Flatten(), new Dense(8, activation: "relu"), new Dense(3, activation: "softmax")], new Shape(4, 4, 1));
        model.Compile(new Adam(), Loss.CategoricalCrossEntropy, Metric.Accuracy);
        return model;
    }

    private static (Tensor X, Tensor Y) Data(int n)
    {
        var x = TestTensors.Uniform(3, n, 4, 4, 1);
        var y = new Tensor(n, 3);
        for (int i = 0; i < n; i++) y.Data[i * 3 + i % 3] = 1;
        return (x, y);
    }

    // Interrupts the scope after a given number of batches, as a signal from another thread would.
    private sealed class InterruptAfter(InterruptionScope scope, int batches) : IFitCallback
    {
        private int _seen;

        public void OnBatchEnd(Sequential model, BatchProgress progress)
        {
            if (++_seen == batches) scope.Interrupt();
        }
    }

    [Fact]
    public void An_interrupted_scope_stops_fit_at_the_next_batch_and_returns_an_interrupted_history()
    {
        var model = SmallModel();
        var (x, y) = Data(100);
        History history;
        using (var scope = Interruption.Begin())
            history = model.Fit(x, y, batchSize: 10, epochs: 5, callbacks: [new InterruptAfter(scope, 13)]);

        Assert.True(history.Interrupted);
        Assert.Equal(13, history.BatchLosses.Count);
        Assert.Single(history.Epochs);        // epoch 1 finished, epoch 2 stopped after 3 batches
        Assert.Equal(5, history.EpochsRequested);
    }

    [Fact]
    public void After_an_interrupted_fit_the_model_predicts_evaluates_and_trains_again()
    {
        var model = SmallModel();
        var (x, y) = Data(60);
        using (var scope = Interruption.Begin())
            model.Fit(x, y, batchSize: 10, epochs: 3, callbacks: [new InterruptAfter(scope, 2)]);

        var before = model.Predict(x);
        Assert.All(before.Data, v => Assert.True(float.IsFinite(v)));
        var again = model.Fit(x, y, batchSize: 10, epochs: 2);
        Assert.False(again.Interrupted);
        Assert.Equal(2, again.Epochs.Count);
        Assert.True(double.IsFinite(model.Evaluate(x, y).Loss));
    }

    [Fact]
    public void Fit_interrupted_at_the_end_of_an_epoch_skips_its_validation_and_logs_no_unfinished_epoch()
    {
        var model = SmallModel();
        var (x, y) = Data(600);
        using var scope = Interruption.Begin();
        // interrupt at the last batch of epoch 1: the batches end, validation must not log the epoch
        var history = model.Fit(x, y, batchSize: 100, epochs: 3, validationSplit: 0.5, callbacks: [new InterruptAfter(scope, 3)]);
        Assert.True(history.Interrupted);
        Assert.Empty(history.Epochs);
        Assert.Equal(3, history.BatchLosses.Count);
    }

    [Fact]
    public void Predict_evaluate_and_input_gradient_throw_a_message_naming_the_call_when_interrupted()
    {
        var model = SmallModel();
        var (x, y) = Data(50);
        var expected = model.Predict(x);
        using (var scope = Interruption.Begin())
        {
            scope.Interrupt();
            var predict = Assert.Throws<OperationCanceledException>(() => model.Predict(x, batchSize: 10));
            Assert.Contains("Predict stopped after 0 of 50 samples", predict.Message);
            Assert.Contains("Evaluate", Assert.Throws<OperationCanceledException>(() => model.Evaluate(x, y)).Message);
            Assert.Contains("InputGradient", Assert.Throws<OperationCanceledException>(() => model.InputGradient(x, 1, 0)).Message);
            Assert.Contains("Activations", Assert.Throws<OperationCanceledException>(() => model.Activations(x)).Message);
        }
        Assert.Equal(expected.Data, model.Predict(x).Data);   // nothing changed, and outside the scope it runs
    }

    [Fact]
    public void Gradient_descent_and_the_neurons_stop_when_interrupted_mid_loop()
    {
        using var scope = Interruption.Begin();
        int calls = 0;
        var error = Assert.Throws<OperationCanceledException>(() => GradientDescent.Minimize(
            (px, py) => px * px + py * py, (1.0, 1.0), 0.1, steps: 1000,
            gradient: (px, py) => { if (++calls == 7) scope.Interrupt(); return (2 * px, 2 * py); }));
        Assert.Contains("GradientDescent.Minimize stopped after 7 of 1000 steps", error.Message);

        var x = TestTensors.Uniform(5, 10, 2);
        Assert.Throws<OperationCanceledException>(() => new SigmoidNeuron(2).Train(x, new float[10], steps: 10));
        Assert.Throws<OperationCanceledException>(() => new Perceptron(2).Train(x, new int[10], epochs: 10));
    }

    [Fact]
    public async Task A_scope_affects_only_the_code_running_inside_it_and_ends_when_disposed()
    {
        Assert.False(Interruption.IsRequested);
        var go = new TaskCompletionSource();
        var other = Task.Run(async () => { await go.Task; return Interruption.IsRequested; });   // started outside
        var outer = Interruption.Begin();
        var inner = Interruption.Begin();
        var child = Task.Run(async () => { await go.Task; return Interruption.IsRequested; });   // started inside

        outer.Interrupt();                                  // an outer interrupt reaches the inner scope
        Assert.True(Interruption.IsRequested);
        Assert.Same(inner, Interruption.Current);
        go.SetResult();
        Assert.False(await other);
        Assert.True(await child);
        inner.Dispose();
        Assert.Same(outer, Interruption.Current);
        outer.Dispose();
        Assert.Null(Interruption.Current);
        Assert.False(Interruption.IsRequested);
        outer.Interrupt();                                  // a late interrupt of an ended scope is harmless
    }

    [Fact]
    public void A_scope_linked_to_a_cancellation_token_is_interrupted_when_the_token_is()
    {
        using var source = new CancellationTokenSource();
        using var scope = Interruption.Begin(source.Token);
        Assert.False(Interruption.IsRequested);
        source.Cancel();
        Assert.True(Interruption.IsRequested);
        Assert.True(Interruption.Token.IsCancellationRequested);
    }
}
