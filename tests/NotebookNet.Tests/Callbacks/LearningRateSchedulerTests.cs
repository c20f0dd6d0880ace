using NotebookNet.Training;

namespace NotebookNet.Tests.Callbacks;

public sealed class LearningRateSchedulerTests
{
    [Fact]
    public void The_rate_set_at_each_epoch_is_the_one_the_epoch_trains_with_and_history_records_it()
    {
        var model = CallbackModels.Classifier();
        var (x, y) = CallbackModels.Data();
        var history = model.Fit(x, y, batchSize: 50, epochs: 4, callbacks: [new LearningRateScheduler((epoch, lr) => 0.1 / epoch)]);
        Assert.Equal([0.1, 0.05, 0.1 / 3, 0.025], history.LearningRates);
        Assert.Equal(0.025, model.Optimizer.LearningRate);
    }

    [Fact]
    public void Step_exponential_and_cosine_schedules_follow_their_formulas()
    {
        double[] Rates(LearningRateScheduler s, int epochs)
        {
            var model = CallbackModels.Classifier();
            var (x, y) = CallbackModels.Data(20);
            return [.. model.Fit(x, y, batchSize: 20, epochs: epochs, callbacks: [s]).LearningRates];
        }

        Assert.Equal([0.1, 0.1, 0.05, 0.05, 0.025], Rates(LearningRateScheduler.Step(0.1, every: 2, factor: 0.5), 5));
        Assert.Equal([0.01, 0.005, 0.0025], Rates(LearningRateScheduler.Exponential(0.01, 0.5), 3));
        var cosine = Rates(LearningRateScheduler.Cosine(0.1, epochs: 4, minimum: 0.02), 4);
        Assert.Equal(0.1, cosine[0], 12);
        Assert.Equal(0.02 + 0.08 * (1 + Math.Cos(Math.PI / 4)) / 2, cosine[1], 12);
        Assert.Equal(0.06, cosine[2], 12);                      // half way: the mean of initial and minimum
        Assert.True(cosine[3] > 0.02 && cosine[3] < cosine[2]);
    }

    [Fact]
    public void A_schedule_that_returns_zero_fails_naming_the_epoch_and_the_value()
    {
        var model = CallbackModels.Classifier();
        var (x, y) = CallbackModels.Data(20);
        var e = Assert.Throws<InvalidOperationException>(() => model.Fit(x, y, epochs: 3, callbacks: [new LearningRateScheduler(epoch => epoch == 2 ? 0 : 0.1)]));
        Assert.Contains("learning rate 0 for epoch 2", e.Message);
    }
}
