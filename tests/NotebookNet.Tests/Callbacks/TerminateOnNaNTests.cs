using NotebookNet.Training;

namespace NotebookNet.Tests.Callbacks;

public sealed class TerminateOnNaNTests
{
    [Fact]
    public void A_metric_that_becomes_nan_ends_training_after_that_epoch()
    {
        var model = CallbackModels.Classifier();
        var (x, y) = CallbackModels.Data(40);
        var history = model.Fit(x, y, batchSize: 20, epochs: 5, callbacks: [new NaNMetricAt(epoch: 2), new TerminateOnNaN()]);
        Assert.Equal(2, history.Epochs.Count);
        Assert.True(history.Diverged);
        Assert.Equal("TerminateOnNaN: epoch 2 logged accuracy = NaN; training stopped.", history.StopReason);
    }

    [Fact]
    public void Finite_values_let_training_run_all_epochs()
    {
        var model = CallbackModels.Classifier();
        var (x, y) = CallbackModels.Data(40);
        var history = model.Fit(x, y, batchSize: 20, epochs: 3, validationSplit: 0.25, callbacks: [new TerminateOnNaN()]);
        Assert.Equal(3, history.Epochs.Count);
        Assert.Null(history.StopReason);
    }

    // Stands in for a metric that breaks: replaces the epoch's logged accuracy with NaN before TerminateOnNaN reads it.
    private sealed class NaNMetricAt(int epoch) : IFitCallback
    {
        public void OnEpochEnd(Sequential model, EpochLogs logs)
        {
            if (logs.Epoch == epoch) ((Dictionary<string, double>)logs.Metrics)["accuracy"] = double.NaN;
        }
    }
}
