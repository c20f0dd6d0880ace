using NotebookNet.Data;
using NotebookNet.Layers;
using NotebookNet.Losses;
using NotebookNet.Metrics;
using NotebookNet.Optimizers;
using NotebookNet.Tests.Data;

namespace NotebookNet.Tests.Model;

[Collection(DatasetsEnvironmentCollection.Name)]
public sealed class MnistTrainingTests
{
    [Fact]
    public void A_small_cnn_trained_on_an_mnist_subset_passes_95_percent_test_accuracy()
    {
        var mnist = Mnist.Load(trainCount: 12000);
        var model = new Sequential(new Shape(28, 28, 1), "small_cnn", seed: 1);
        model.Add(new Conv2D(8, 3, activation: "relu"));
        model.Add(new MaxPooling2D(2));
        model.Add(new Flatten());
        model.Add(new Dense(10, activation: "softmax"));
        model.Compile(new Adam(0.005), Loss.CategoricalCrossEntropy, Metric.Accuracy);

        var history = model.Fit(mnist.Train.Images, mnist.Train.OneHot, batchSize: 32, epochs: 3);
        var test = model.Evaluate(mnist.Test.Images, mnist.Test.OneHot);   // the full 10,000-image test set

        Assert.True(history.Loss[^1] < history.Loss[0], "training lowered the loss");
        Assert.True(test.Accuracy >= 0.95, $"test accuracy {test.Accuracy:P2}");
    }
}
