using System.Globalization;
using NotebookNet.Training;

namespace NotebookNet.Tests.Callbacks;

public sealed class CsvLoggerTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("notebooknet-csv-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void One_line_per_epoch_with_the_logged_values_and_the_learning_rate()
    {
        var model = CallbackModels.Classifier();
        var (x, y) = CallbackModels.Data(100);
        string path = Path.Combine(_dir, "log.csv");

        var history = model.Fit(x, y, batchSize: 20, epochs: 3, validationSplit: 0.2,
            callbacks: [LearningRateScheduler.Exponential(0.1, 0.5), new CsvLogger(path)]);

        var lines = File.ReadAllLines(path);
        Assert.Equal("epoch,loss,accuracy,val_loss,val_accuracy,learning_rate", lines[0]);
        Assert.Equal(4, lines.Length);
        var second = lines[2].Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        var e = history.Epochs[1];
        Assert.Equal([2, e.Loss, e.Metrics["accuracy"], e.ValidationLoss!.Value, e.ValidationMetrics["accuracy"], 0.05], second);
    }

    [Fact]
    public void Append_adds_to_the_file_without_a_second_header()
    {
        var model = CallbackModels.Classifier();
        var (x, y) = CallbackModels.Data(40);
        string path = Path.Combine(_dir, "log.csv");
        model.Fit(x, y, batchSize: 20, epochs: 2, callbacks: [new CsvLogger(path)]);
        model.Fit(x, y, batchSize: 20, epochs: 1, callbacks: [new CsvLogger(path, append: true)]);
        var lines = File.ReadAllLines(path);
        Assert.Equal(4, lines.Length);
        Assert.Single(lines, l => l.StartsWith("epoch", StringComparison.Ordinal));
    }
}
