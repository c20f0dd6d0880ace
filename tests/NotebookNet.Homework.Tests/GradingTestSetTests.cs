using System.Security.Cryptography;
using NotebookNet.Data;
using NotebookNet.Layers;
using NotebookNet.Losses;
using NotebookNet.Metrics;
using NotebookNet.Optimizers;

namespace NotebookNet.Homework.Tests;

public sealed class GradingTestSetTests
{
    private static readonly string MnistFolder = Mnist.FindDirectory();

    [Fact]
    public void The_MNIST_test_files_read_as_the_grader_test_set_with_the_same_images_and_labels_as_Mnist_Load()
    {
        var set = GradingTestSet.Read(Path.Combine(MnistFolder, "t10k-images-idx3-ubyte.gz"), Path.Combine(MnistFolder, "t10k-labels-idx1-ubyte.gz"));
        var mnist = Mnist.Load(testCount: 10_000, trainCount: 1).Test;

        Assert.Equal(10_000, set.Count);
        Assert.Equal(mnist.Labels, set.Labels);
        Assert.Equal(mnist.Images.Data.ToArray(), set.Images.Data.ToArray());
        Assert.Equal(64, set.Sha256.Length);
    }

    [Fact]
    public void Labels_that_do_not_match_the_images_are_refused_naming_both_files()
    {
        string images = Path.Combine(MnistFolder, "t10k-images-idx3-ubyte.gz"), labels = Path.Combine(MnistFolder, "train-labels-idx1-ubyte.gz");

        var e = Assert.Throws<InvalidDataException>(() => GradingTestSet.Read(images, labels));

        Assert.Equal($"Test labels '{labels}' should hold 10000 unsigned-byte labels (one per image of '{images}'); they hold UnsignedByte [60000].", e.Message);
    }

    [Fact]
    public void The_hand_in_saves_the_model_where_the_grader_asks_and_prints_its_hash()
    {
        string folder = Directory.CreateTempSubdirectory("notebooknet-hand-in-").FullName;
        string? before = Environment.GetEnvironmentVariable(HomeworkSubmission.ModelPathVariable);
        var console = Console.Out;
        try
        {
            string target = Path.Combine(folder, "model.nbm");
            Environment.SetEnvironmentVariable(HomeworkSubmission.ModelPathVariable, target);
            var model = new Sequential([new Flatten(), new Dense(10, activation: "softmax")], new Shape(28, 28, 1), "tiny");
            model.Compile(new Adam(), Loss.CategoricalCrossEntropy, Metric.Accuracy);
            var printed = new StringWriter();
            Console.SetOut(printed);

            Assert.Equal(target, HomeworkSubmission.Save(model));

            string sha = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(target)));
            Assert.Contains(HomeworkSubmission.SavedLine + sha, printed.ToString());
            Assert.Equal(model.ParameterCount, Sequential.Load(target).ParameterCount);
        }
        finally
        {
            Console.SetOut(console);
            Environment.SetEnvironmentVariable(HomeworkSubmission.ModelPathVariable, before);
            Directory.Delete(folder, recursive: true);
        }
    }
}
