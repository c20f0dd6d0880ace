using NotebookNet.Training;

namespace NotebookNet.Tests.Callbacks;

public sealed class ReduceLROnPlateauTests
{
    [Fact]
    public void The_rate_drops_by_the_factor_after_patience_epochs_without_improvement_and_never_below_the_minimum()
    {
        var model = CallbackModels.Classifier();
        var (x, y) = CallbackModels.Data();
        // min delta 10: no epoch counts as an improvement after the first, so every 2nd epoch reduces
        var reduce = new ReduceLROnPlateau(monitor: "loss", factor: 0.5, patience: 2, minDelta: 10, minLearningRate: 0.01);

        var history = model.Fit(x, y, batchSize: 50, epochs: 7, callbacks: [reduce]);

        Assert.Equal([0.05, 0.05, 0.05, 0.025, 0.025, 0.0125, 0.0125], history.LearningRates);
        Assert.Equal([3, 5, 7], reduce.ReducedAfter);
        Assert.Equal(0.01, model.Optimizer.LearningRate);   // 0.0125 · 0.5 clipped to the minimum
    }

    [Fact]
    public void An_improving_value_keeps_the_rate()
    {
        var model = CallbackModels.Classifier();
        var (x, y) = CallbackModels.Data();
        var history = model.Fit(x, y, batchSize: 20, epochs: 4, validationSplit: 0.2,
            callbacks: [new ReduceLROnPlateau(factor: 0.5, patience: 1, minDelta: 0)]);
        Assert.True(history.ValidationLoss.Zip(history.ValidationLoss.Skip(1)).All(p => p.Second < p.First), "val_loss should fall here");
        Assert.All(history.LearningRates, r => Assert.Equal(0.05, r));
    }

    [Fact]
    public void Monitoring_val_loss_without_validation_data_says_what_to_pass()
    {
        var model = CallbackModels.Classifier();
        var (x, y) = CallbackModels.Data(20);
        var e = Assert.Throws<InvalidOperationException>(() => model.Fit(x, y, callbacks: [new ReduceLROnPlateau()]));
        Assert.Contains("monitors 'val_loss', but epoch 1 logged only loss, accuracy", e.Message);
        Assert.Contains("validationSplit", e.Message);
    }
}
