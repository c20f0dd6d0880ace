using System.Security.Cryptography;
using NotebookNet.Homework;
using NotebookNet.Layers;
using NotebookNet.Losses;
using NotebookNet.Metrics;
using NotebookNet.Optimizers;

namespace NotebookNet.Grading.Tests;

public sealed class ModelChecksTests : IDisposable
{
    private static readonly Lazy<GradingTestSet> Test = new(() =>
    {
        string mnist = Path.Combine(Notebooks.Execution.RepositoryLayout.Find(AppContext.BaseDirectory).Root, "datasets", "mnist");
        return GradingTestSet.Read(Path.Combine(mnist, "t10k-images-idx3-ubyte.gz"), Path.Combine(mnist, "t10k-labels-idx1-ubyte.gz"));
    });

    private readonly string _folder = Directory.CreateTempSubdirectory("notebooknet-model-checks-").FullName;

    private string SavedTwoStageModel()
    {
        var model = new Sequential([new Conv2D(4, 3, activation: "relu"), new MaxPooling2D(2), new Conv2D(8, 3, activation: "relu"),
            new MaxPooling2D(2), new Flatten(), new Dense(10, activation: "softmax")], new Shape(28, 28, 1), "two_stages");
        model.Compile(new Adam(), Loss.CategoricalCrossEntropy, Metric.Accuracy);
        string path = Path.Combine(_folder, "model.nbm");
        model.Save(path);
        return path;
    }

    private static string Sha(string path) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));

    [Fact]
    public void An_untrained_two_stage_model_passes_the_architecture_and_fails_the_accuracy_measured_on_the_test_set()
    {
        string path = SavedTwoStageModel();

        var outcome = ModelChecks.Run(path, Sha(path), "", Test.Value);

        Assert.Null(outcome.Tampered);
        Assert.Equal([("model file", true), ("stages", true), ("head", true), ("budget", true), ("accuracy", false)],
            outcome.Checks.Select(c => (c.Name, c.Passed == true)));
        Assert.Contains("of 10,000 test images correct", outcome.Checks[^1].Message);
    }

    [Fact]
    public void A_model_file_with_a_changed_byte_is_refused_as_damaged()
    {
        string path = SavedTwoStageModel();
        var bytes = File.ReadAllBytes(path);
        bytes[bytes.Length / 2] ^= 0xFF;
        File.WriteAllBytes(path, bytes);

        var outcome = ModelChecks.Run(path, null, "", Test.Value);

        Assert.StartsWith("The model file is damaged or forged: ", outcome.Tampered);
        Assert.Null(outcome.Model);
        Assert.All(outcome.Checks.Skip(1), c => Assert.Null(c.Passed));
    }

    [Fact]
    public void A_model_file_replaced_after_the_notebook_saved_it_is_refused()
    {
        string path = SavedTwoStageModel();
        string savedSha = Sha(path);
        var other = new Sequential([new Flatten(), new Dense(10, activation: "softmax")], new Shape(28, 28, 1));
        other.Compile(new Adam(), Loss.CategoricalCrossEntropy, Metric.Accuracy);
        other.Save(path);

        var outcome = ModelChecks.Run(path, savedSha, "", Test.Value);

        Assert.StartsWith("The model file changed after the notebook saved it", outcome.Tampered);
    }

    [Fact]
    public void A_text_file_posing_as_a_model_is_refused_and_a_missing_one_says_why()
    {
        string path = Path.Combine(_folder, "model.nbm");
        File.WriteAllText(path, "PASS");

        Assert.StartsWith("The model file is damaged or forged: ", ModelChecks.Run(path, null, "", Test.Value).Tampered);
        var missing = ModelChecks.Run(Path.Combine(_folder, "none.nbm"), null, "the hand-in cell failed: boom", Test.Value);
        Assert.Equal("No model file was handed in: the hand-in cell failed: boom", missing.Checks[0].Message);
        Assert.Null(missing.Tampered);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
