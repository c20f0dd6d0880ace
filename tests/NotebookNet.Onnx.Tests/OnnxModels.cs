using NotebookNet.Layers;
using NotebookNet.Losses;
using NotebookNet.Metrics;
using NotebookNet.Optimizers;

namespace NotebookNet.Onnx.Tests;

/// <summary>The models exported in the tests: the lecture's (notebook 06 and the README), and one with each layer
/// added beyond it, every stride and padding the layers offer.</summary>
internal static class OnnxModels
{
    public static IReadOnlyDictionary<string, Func<Layer[]>> All { get; } = new Dictionary<string, Func<Layer[]>>
    {
        ["mlp"] = () => [new Flatten(), new Dense(128, activation: "relu"), new Dense(10, activation: "softmax")],
        ["single_conv"] = () => [new Conv2D(32, 3, activation: "relu"), new Flatten(), new Dense(10, activation: "softmax")],
        ["conv_pooling"] = () => [new Conv2D(32, 3, activation: "relu"), new MaxPooling2D(2), new Flatten(), new Dense(10, activation: "softmax")],
        ["strided_conv"] = () => [new Conv2D(32, 3, strides: 2, activation: "relu"), new Flatten(), new Dense(10, activation: "softmax")],
        ["keras_io_convnet"] = () =>
        [
            new Conv2D(32, 3, activation: "relu"), new MaxPooling2D(2), new Conv2D(64, 3, activation: "relu"), new MaxPooling2D(2),
            new Flatten(), new Dropout(0.5), new Dense(10, activation: "softmax"),
        ],
        ["locally_connected"] = () =>
            [new LocallyConnected2D(8, 5, strides: 3, activation: "tanh"), new Flatten(), new Dense(10), new Softmax()],
        ["same_padding"] = () =>
        [
            new Conv2D(8, 3, strides: 2, padding: Padding.Same, activation: "sigmoid"), new MaxPooling2D(3, strides: 2, padding: Padding.Same),
            new Conv2D(4, (2, 3), (3, 1), padding: Padding.Same, useBias: false), new Tanh(), new Flatten(), new Dense(10, activation: "softmax"),
        ],
        ["batch_normalization"] = () =>
        [
            new Conv2D(16, 3), new BatchNormalization(), new ReLU(), new MaxPooling2D(2), new Flatten(),
            new Dense(32, useBias: false), new BatchNormalization(momentum: 0.9), new ReLU(), new Dense(10, activation: "softmax"),
        ],
        ["average_pooling"] = () =>
        [
            new Conv2D(8, 3, activation: "relu"), new AveragePooling2D(2), new AveragePooling2D(3, strides: 2, padding: Padding.Same),
            new Flatten(), new Dense(10, activation: "softmax"),
        ],
        // No Flatten, no softmax: the graph ends on an image (transposed back to NHWC) of unbounded values.
        ["feature_maps"] = () => [new Conv2D(6, 3, strides: 2), new BatchNormalization(), new AveragePooling2D(2, strides: 1)],
        ["global_average_pooling"] = () =>
            [new Conv2D(16, 3, activation: "relu"), new Conv2D(10, 3), new GlobalAveragePooling2D(), new Softmax()],
    };

    public static Sequential Build(string name)
    {
        var model = new Sequential(All[name](), new Shape(28, 28, 1), name, seed: 5);
        model.Compile(new Adam(), Loss.CategoricalCrossEntropy, Metric.Accuracy);
        if (model.OutputShape.Rank != 1) model.Compile(new Adam(), Loss.MeanSquaredError);   // feature maps: no classes
        return model;
    }
}
