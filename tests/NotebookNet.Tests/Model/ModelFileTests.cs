using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using NotebookNet.Initializers;
using NotebookNet.Layers;
using NotebookNet.Losses;
using NotebookNet.Metrics;
using NotebookNet.Optimizers;
using NotebookNet.Serialization;

namespace NotebookNet.Tests.Model;

public sealed class ModelFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("notebooknet-model-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>Every layer type the model file knows, each with arguments other than its defaults.</summary>
    internal static Sequential EveryLayerType(int seed = 3)
    {
        var model = new Sequential(new Shape(12, 12, 2), "every_layer", seed);
        model.Add(new Conv2D(4, (3, 2), strides: (1, 1), padding: Padding.Same, activation: "tanh", useBias: false,
            kernelInitializer: Initializer.HeNormal, name: "conv"));
        model.Add(new BatchNormalization(momentum: 0.8, epsilon: 0.01));
        model.Add(new MaxPooling2D((2, 2), strides: (1, 1), padding: Padding.Same));
        model.Add(new AveragePooling2D((2, 2), strides: (1, 1)));
        model.Add(new LocallyConnected2D(3, 3, strides: 2, activation: "sigmoid", kernelInitializer: Initializer.HeUniform));
        model.Add(new ReLU());
        model.Add(new GlobalAveragePooling2D());
        model.Add(new Flatten());
        model.Add(new Dropout(0.25, seed: 5));
        model.Add(new Dense(6, activation: "relu"));
        model.Add(new Tanh());
        model.Add(new Sigmoid());
        model.Add(new Dense(3, kernelInitializer: Initializer.Zeros, name: "logits"));
        model.Add(new Softmax());
        model.Compile(new Sgd(0.05, momentum: 0.9, nesterov: true), Loss.CategoricalCrossEntropy, Metric.Accuracy);
        return model;
    }

    private static (Tensor X, Tensor Y) Data(Sequential model, int n, int seed)
    {
        var x = TestTensors.Uniform(seed, model.InputShape.WithBatch(n));
        var labels = Enumerable.Range(0, n).Select(i => (i * 7 + seed) % model.OutputShape[0]).ToArray();
        return (x, NotebookNet.Data.Labels.OneHot(labels, model.OutputShape[0]));
    }

    private static int[] Bits(Tensor t) => t.Data.Select(BitConverter.SingleToInt32Bits).ToArray();

    private static string Config(Layer l) => LayerFormats.Of(l).Write(l).Json.ToJsonString();

    [Fact]
    public void Load_rebuilds_every_layer_type_with_its_arguments_names_and_weights()
    {
        var model = EveryLayerType();
        var (x, y) = Data(model, 40, 1);
        model.Fit(x, y, batchSize: 8, epochs: 2);
        string path = Path.Combine(_dir, "every.nbm");
        model.Save(path);

        var loaded = Sequential.Load(path);
        Assert.Equal(model.Name, loaded.Name);
        Assert.Equal(model.Seed, loaded.Seed);
        Assert.Equal(model.InputShape, loaded.InputShape);
        Assert.Equal(model.Layers.Select(l => (l.GetType(), l.Name, l.OutputShape, Config(l))),
            loaded.Layers.Select(l => (l.GetType(), l.Name, l.OutputShape, Config(l))));
        Assert.Contains("\"kernel_size\":[3,2]", Config(loaded.Layers[0]));   // the arguments really are in the file
        Assert.Contains("\"seed\":5", Config(loaded.Layers[8]));
        Assert.Contains("\"momentum\":0.8", Config(loaded.Layers[1]));
        for (int i = 0; i < model.Parameters.Count; i++) Assert.Equal(Bits(model.Parameters[i].Value), Bits(loaded.Parameters[i].Value));
        // BatchNormalization's moving statistics are not parameters, but the file keeps them too.
        Assert.Equal(model.Weights.Count, model.Parameters.Count + 2);
        for (int i = 0; i < model.Weights.Count; i++) Assert.Equal(Bits(model.Weights[i].Value), Bits(loaded.Weights[i].Value));
        var sgd = Assert.IsType<Sgd>(loaded.Optimizer);
        Assert.Equal((0.05, 0.9, true), (sgd.LearningRate, sgd.Momentum, sgd.Nesterov));
        Assert.Equal(model.Optimizer.Iterations, loaded.Optimizer.Iterations);
        Assert.Equal("categorical_crossentropy", loaded.Loss.Name);
        Assert.Equal(["accuracy"], loaded.Metrics.Select(m => m.Name));
        Assert.Equal(Bits(model.Predict(x)), Bits(loaded.Predict(x)));
        Assert.Equal(model.Summary().ToString(), loaded.Summary().ToString());
        Assert.Single(Directory.GetFiles(_dir));   // the temporary file was moved, not left behind
    }

    [Fact]
    public void Predictions_after_load_in_a_new_process_equal_those_before_bit_for_bit()
    {
        var model = SequentialTests.KerasMnistConvnet(seed: 4);
        var (x, y) = Data(model, 64, 2);
        model.Fit(x, y, batchSize: 32, epochs: 1);
        string path = Path.Combine(_dir, "convnet.nbm"), input = Path.Combine(_dir, "x.f32"), output = Path.Combine(_dir, "p.f32");
        model.Save(path);
        var test = TestTensors.Uniform(9, 50, 28, 28, 1);
        RawTensor.Write(input, test);

        ChildProcess.Run("predict", path, input, output);

        var before = model.Predict(test);
        Assert.Equal(Bits(before), Bits(RawTensor.Read(output, model.OutputShape)));
    }

    [Theory]
    [InlineData("adam")]
    [InlineData("sgd")]
    public void Training_resumes_from_a_file_exactly_as_it_would_have_continued(string optimizer)
    {
        Sequential Make() => Compiled(new Sequential([new Dense(8, activation: "relu"), new Dense(3, activation: "softmax")], new Shape(5)),
            optimizer == "adam" ? new Adam(0.01) : new Sgd(0.1, momentum: 0.9));
        var original = Make();
        var (x, y) = Data(original, 48, 3);
        original.Fit(x, y, batchSize: 16, epochs: 2);
        string path = Path.Combine(_dir, "resume.nbm"), noState = Path.Combine(_dir, "no-state.nbm");
        original.Save(path);
        original.Save(noState, includeOptimizer: false);
        var resumed = Sequential.Load(path);
        var restarted = Sequential.Load(noState);

        foreach (var m in new[] { original, resumed, restarted }) m.Fit(x, y, batchSize: 16, epochs: 2);

        for (int i = 0; i < original.Parameters.Count; i++)
            Assert.Equal(Bits(original.Parameters[i].Value), Bits(resumed.Parameters[i].Value));
        Assert.NotEqual(Bits(original.Parameters[0].Value), Bits(restarted.Parameters[0].Value));   // the state mattered
        Assert.Equal(original.Optimizer.Iterations, resumed.Optimizer.Iterations);
    }

    private static Sequential Compiled(Sequential model, Optimizer optimizer)
    {
        model.Compile(optimizer, Loss.CategoricalCrossEntropy, Metric.Accuracy);
        return model;
    }

    public static TheoryData<string, string> DamagedFiles => new()
    {
        { "flip a weight byte", "checksum does not match" },
        { "truncate", "truncated" },
        { "newer version", "version 2, written by a newer NotebookNet" },
        { "not a model file", "not a NotebookNet model file" },
        { "weights file", "not a NotebookNet model file" },
        { "unknown layer type, checksum recomputed", "unknown layer type 'System.Diagnostics.Process'" },
        { "units changed, checksum recomputed", "its config gives output shape (7,), the file says (3,)" },
        { "weights cut, checksum recomputed", "header describes" },
        { "bad argument, checksum recomputed", "Conv2D: received filters=0" },
        { "unknown loss, checksum recomputed", "unknown loss 'rm -rf'" },
    };

    [Theory]
    [MemberData(nameof(DamagedFiles))]
    public void A_damaged_truncated_newer_or_tampered_file_fails_naming_the_file_and_the_problem(string damage, string expected)
    {
        var model = new Sequential([new Conv2D(2, 3), new Flatten(), new Dense(3, activation: "softmax")], new Shape(5, 5, 1), "small");
        Compiled(model, new Adam());
        string path = Path.Combine(_dir, "small.nbm");
        model.Save(path);
        var bytes = File.ReadAllBytes(path);
        bytes = damage switch
        {
            "flip a weight byte" => Flip(bytes, bytes.Length - 40),
            "truncate" => bytes[..^100],
            "newer version" => WithVersion(bytes, 2),
            "not a model file" => Encoding.UTF8.GetBytes("just some text that is long enough to be read as a header and more"),
            "weights file" => WeightsOf(model),
            "unknown layer type, checksum recomputed" => Rewritten(bytes, "\"Flatten\"", "\"System.Diagnostics.Process\""),
            "units changed, checksum recomputed" => Rewritten(bytes, "\"units\": 3", "\"units\": 7"),
            "weights cut, checksum recomputed" => Recomputed(bytes[..^(32 + 8)]),
            "bad argument, checksum recomputed" => Rewritten(bytes, "\"filters\": 2", "\"filters\": 0"),
            "unknown loss, checksum recomputed" => Rewritten(bytes, "categorical_crossentropy", "rm -rf"),
            _ => throw new ArgumentException(damage),
        };
        File.WriteAllBytes(path, bytes);

        var e = Assert.Throws<InvalidDataException>(() => Sequential.Load(path));
        Assert.Contains("small.nbm", e.Message);
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void A_model_with_a_layer_the_format_does_not_know_is_not_saved_and_the_old_file_stays()
    {
        string path = Path.Combine(_dir, "keep.nbm");
        var good = Compiled(new Sequential([new Dense(2)], new Shape(3)), new Adam());
        good.Save(path);
        var before = File.ReadAllBytes(path);
        var odd = Compiled(new Sequential([new Dense(2), new Doubling()], new Shape(3)), new Adam());

        var e = Assert.Throws<NotSupportedException>(() => odd.Save(path));
        Assert.Contains("Doubling", e.Message);
        Assert.Contains("SaveWeights", e.Message);
        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Single(Directory.GetFiles(_dir));
    }

    private sealed class Doubling : Layer
    {
        public Doubling() : base(null) { }

        public override Shape ComputeOutputShape(Shape inputShape) => inputShape;

        public override Tensor Forward(Tensor input, bool training) => input;

        public override Tensor Backward(Tensor outputGradient) => outputGradient;
    }

    private byte[] WeightsOf(Sequential model)
    {
        string path = Path.Combine(_dir, "w.nbw");
        model.SaveWeights(path);
        var bytes = File.ReadAllBytes(path);
        File.Delete(path);
        return bytes;
    }

    private static byte[] Flip(byte[] bytes, int at)
    {
        bytes[at] ^= 0x10;
        return bytes;
    }

    private static byte[] WithVersion(byte[] bytes, int version)
    {
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(4), version);
        return bytes;
    }

    // The header edited and the checksum made right again: what someone tampering with the file would do.
    private static byte[] Rewritten(byte[] bytes, string from, string to)
    {
        int length = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(8));
        string header = Encoding.UTF8.GetString(bytes, 12, length), edited = header.Replace(from, to);
        Assert.NotEqual(header, edited);
        var newHeader = Encoding.UTF8.GetBytes(edited);
        var result = new byte[bytes.Length - length + newHeader.Length];
        bytes.AsSpan(0, 12).CopyTo(result);
        BinaryPrimitives.WriteInt32LittleEndian(result.AsSpan(8), newHeader.Length);
        newHeader.CopyTo(result, 12);
        bytes.AsSpan(12 + length).CopyTo(result.AsSpan(12 + newHeader.Length));
        return Recomputed(result);
    }

    private static byte[] Recomputed(byte[] withOldHash)
    {
        SHA256.HashData(withOldHash.AsSpan(0, withOldHash.Length - 32), withOldHash.AsSpan(withOldHash.Length - 32));
        return withOldHash;
    }
}
