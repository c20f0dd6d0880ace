using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using NotebookNet.Data;
using NotebookNet.Layers;
using NotebookNet.Losses;
using NotebookNet.Optimizers;
using Xunit.Abstractions;

namespace NotebookNet.Onnx.Tests;

/// <summary>Exported files run in ONNX Runtime and give what Predict gives, on real MNIST test images.</summary>
public sealed class OnnxRuntimeTests(ITestOutputHelper output) : IDisposable
{
    private static readonly Lazy<MnistData> Mnist = new(() => Data.Mnist.Load(trainCount: 1_000));
    private readonly string _dir = Directory.CreateTempSubdirectory("notebooknet-onnx-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    public static TheoryData<string> ModelNames => new(OnnxModels.All.Keys);

    [Theory]
    [MemberData(nameof(ModelNames))]
    public void The_exported_model_gives_what_predict_gives_on_mnist_test_images(string name)
    {
        var model = OnnxModels.Build(name);
        // One short epoch, so that the weights (and BatchNormalization's moving statistics) are trained ones.
        var train = Mnist.Value.Train;
        var targets = model.OutputShape.Rank == 1 ? train.OneHot : new Tensor(model.OutputShape.WithBatch(train.Count));
        model.Fit(train.Images, targets, batchSize: 100, epochs: 1);
        var x = Mnist.Value.Test.Images;
        var expected = model.Predict(x);

        string path = Path.Combine(_dir, name + ".onnx");
        model.ExportOnnx(path);
        var actual = Run(path, x);

        Assert.Equal(expected.Shape, actual.Shape);
        double maxDifference = 0;
        for (int i = 0; i < expected.Length; i++) maxDifference = Math.Max(maxDifference, Math.Abs(expected.Data[i] - actual.Data[i]));
        output.WriteLine($"{name}: max |Predict − ONNX Runtime| over {x.Shape[0]} test images × {model.OutputShape.Size} outputs {model.OutputShape} = {maxDifference:G3}");
        Assert.True(maxDifference <= 1e-5, $"{name}: max abs difference {maxDifference:G3} > 1e-5");
        Assert.True(expected.Data.Distinct().Count() > expected.Length / 2, "the outputs vary: the comparison is not between constants");
    }

    [Fact]
    public void The_graph_takes_nhwc_input_and_names_its_input_and_output()
    {
        var model = OnnxModels.Build("keras_io_convnet");
        string path = Path.Combine(_dir, "m.onnx");
        model.ExportOnnx(path);
        using var session = new InferenceSession(path);
        Assert.Equal(["input"], session.InputMetadata.Keys);
        Assert.Equal([-1, 28, 28, 1], session.InputMetadata["input"].Dimensions);
        Assert.Equal([-1, 10], session.OutputMetadata["output"].Dimensions);
        Assert.Equal(["m.onnx"], Directory.GetFiles(_dir).Select(Path.GetFileName));   // no temporary file left behind
    }

    [Fact]
    public void Exporting_an_uncompiled_model_says_to_compile_it()
    {
        var model = new Sequential([new Flatten(), new Dense(10)], new Shape(28, 28, 1), "raw");
        var error = Assert.Throws<InvalidOperationException>(() => model.ExportOnnx(Path.Combine(_dir, "x.onnx")));
        Assert.Contains("'raw' is not compiled", error.Message);
        Assert.Empty(Directory.GetFiles(_dir));
    }

    [Fact]
    public void A_layer_without_an_onnx_translation_is_named_in_the_error_and_no_file_is_written()
    {
        var model = new Sequential([new Flatten(), new Custom()], new Shape(4, 4, 1), "custom_model");
        model.Compile(new Sgd(), Loss.MeanSquaredError);
        var error = Assert.Throws<NotSupportedException>(() => model.ExportOnnx(Path.Combine(_dir, "x.onnx")));
        Assert.Contains("'custom' (Custom)", error.Message);
        Assert.Empty(Directory.GetFiles(_dir));
    }

    private sealed class Custom() : Layer("custom")
    {
        public override Shape ComputeOutputShape(Shape inputShape) => inputShape;
        public override Tensor Forward(Tensor input, bool training) => input;
        public override Tensor Backward(Tensor outputGradient) => outputGradient;
    }

    private static Tensor Run(string path, Tensor x)
    {
        using var session = new InferenceSession(path);
        var input = new DenseTensor<float>(x.Data, x.Shape);
        using var results = session.Run([NamedOnnxValue.CreateFromTensor("input", input)]);
        var y = results.Single(r => r.Name == "output").AsTensor<float>();
        return new Tensor(y.ToArray(), y.Dimensions.ToArray());
    }
}
