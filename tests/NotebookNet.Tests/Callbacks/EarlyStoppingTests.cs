using NotebookNet.Training;

namespace NotebookNet.Tests.Callbacks;

public sealed class EarlyStoppingTests
{
    [Fact]
    public void Training_stops_after_patience_epochs_without_improvement_and_history_says_why()
    {
        var model = CallbackModels.Classifier();
        var (x, y) = CallbackModels.Data();
        var stop = new EarlyStopping(monitor: "loss", minDelta: 10, patience: 2);   // nothing beats the first epoch by 10

        var history = model.Fit(x, y, batchSize: 50, epochs: 20, callbacks: [stop]);

        Assert.Equal(3, history.Epochs.Count);
        Assert.Equal((1, 3), (stop.BestEpoch, stop.StoppedEpoch));
        Assert.True(history.Interrupted);
        Assert.False(history.Diverged);
        Assert.StartsWith("EarlyStopping: loss did not improve for 2 epochs (best ", history.StopReason);
        Assert.EndsWith("at epoch 1); stopped after epoch 3.", history.StopReason);
    }

    [Fact]
    public void Restore_best_weights_puts_back_the_weights_of_the_best_epoch()
    {
        var model = CallbackModels.Classifier(learningRate: 0.5);
        var (x, y) = CallbackModels.Data();
        var atEpochEnd = new Dictionary<int, float[]>();
        var recorder = new EpochEndWeights(atEpochEnd);
        var stop = new EarlyStopping(monitor: "val_accuracy", patience: 3, restoreBestWeights: true, minDelta: 2);   // only epoch 1 is "best"

        var history = model.Fit(x, y, batchSize: 10, epochs: 10, validationSplit: 0.2, callbacks: [recorder, stop]);

        Assert.Equal(4, history.Epochs.Count);
        Assert.Equal(1, stop.BestEpoch);
        Assert.NotEqual(atEpochEnd[1], atEpochEnd[4]);
        Assert.Equal(atEpochEnd[1], model.Parameters[0].Value.Data);
        Assert.Contains("the weights of epoch 1 restored", history.StopReason);
    }

    private sealed class EpochEndWeights(Dictionary<int, float[]> into) : IFitCallback
    {
        public void OnEpochEnd(Sequential model, EpochLogs logs) => into[logs.Epoch] = model.Parameters[0].Value.Data.ToArray();
    }
}
