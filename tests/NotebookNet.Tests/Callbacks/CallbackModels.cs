using NotebookNet.Layers;
using NotebookNet.Losses;
using NotebookNet.Metrics;
using NotebookNet.Optimizers;
using NotebookNet.Tests.Model;

namespace NotebookNet.Tests.Callbacks;

/// <summary>A small classifier on two blobs for the callback tests.</summary>
internal static class CallbackModels
{
    public static Sequential Classifier(double learningRate = 0.05)
    {
        var model = new Sequential([new Dense(8, activation: "relu"), new Dense(2, activation: "softmax")], new Shape(2));
        model.Compile(new Sgd(learningRate), Loss.CategoricalCrossEntropy, Metric.Accuracy);
        return model;
    }

    public static (Tensor X, Tensor Y) Data(int n = 200) => SequentialTests.Blobs(n, seed: 11);
}
