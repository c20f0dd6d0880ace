using NotebookNet.Training;

namespace NotebookNet.Tests.Callbacks;

public sealed class ModelCheckpointTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("notebooknet-ckpt-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Best_only_keeps_the_model_of_the_best_epoch_in_a_whole_model_file()
    {
        var model = CallbackModels.Classifier(learningRate: 0.5);
        var (x, y) = CallbackModels.Data();
        string path = Path.Combine(_dir, "best.nbm");
        var checkpoint = new ModelCheckpoint(path, monitor: "val_loss", saveBestOnly: true);
        var predictions = new Dictionary<int, float[]>();
        var (valX, _) = (x.Slice(160, 40), 0);

        var history = model.Fit(x, y, batchSize: 10, epochs: 6, validationSplit: 0.2,
            callbacks: [checkpoint, new PredictionsAtEpochEnd(valX, predictions)]);

        var valLoss = history.ValidationLoss.ToList();
        int best = valLoss.IndexOf(valLoss.Min()) + 1;
        Assert.Equal(valLoss.Min(), checkpoint.BestValue);
        Assert.Equal(predictions[best], Sequential.Load(path).Predict(valX).Data);
        Assert.Equal(Enumerable.Range(0, valLoss.Count).Count(i => valLoss[i] < valLoss.Take(i).DefaultIfEmpty(double.MaxValue).Min()), checkpoint.Saved.Count);
        Assert.Single(Directory.GetFiles(_dir));   // atomic saves leave no temporary file
    }

    [Fact]
    public void The_path_can_name_the_epoch_and_logged_values()
    {
        var model = CallbackModels.Classifier();
        var (x, y) = CallbackModels.Data(40);
        var checkpoint = new ModelCheckpoint(Path.Combine(_dir, "m-{epoch:00}-{loss:0.00}.nbm"));

        var history = model.Fit(x, y, batchSize: 20, epochs: 2, callbacks: [checkpoint]);

        Assert.Equal(
            history.Epochs.Select(e => Path.Combine(_dir, $"m-{e.Epoch:00}-{e.Loss.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture)}.nbm")),
            checkpoint.Saved);
        Assert.All(checkpoint.Saved, p => Assert.True(File.Exists(p)));
    }

    private sealed class PredictionsAtEpochEnd(Tensor x, Dictionary<int, float[]> into) : IFitCallback
    {
        public void OnEpochEnd(Sequential model, EpochLogs logs) => into[logs.Epoch] = model.Predict(x).Data.ToArray();
    }
}
