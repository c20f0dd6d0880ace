using NotebookNet.Layers;
using NotebookNet.Losses;
using NotebookNet.Metrics;
using NotebookNet.Optimizers;

namespace NotebookNet;

/// <summary>
/// A stack of layers, each feeding the next: Keras's <c>Sequential</c>. Add layers one by one, Compile, Fit, Predict.
/// </summary>
/// <example><code>
/// var model = new Sequential(new Shape(28, 28, 1));
/// model.Add(new Conv2D(32, 3, activation: "relu"));
/// model.Add(new MaxPooling2D(2));
/// model.Add(new Flatten());
/// model.Add(new Dense(10, activation: "softmax"));
/// model.Compile(new Adam(), Loss.CategoricalCrossEntropy, Metric.Accuracy);
/// var history = model.Fit(x, y, batchSize: 128, epochs: 2);
/// int[] digits = model.PredictClasses(xTest);
/// </code></example>
public sealed partial class Sequential
{
    private readonly List<Layer> _layers = [];
    private readonly Dictionary<string, int> _nameCounters = [];
    private Shape? _inputShape;

    /// <summary>Creates an empty model. Give the input shape of one sample (e.g. (28, 28, 1)) here or with
    /// <see cref="SetInputShape"/> before Compile. <paramref name="seed"/> fixes the initial weights and the shuffling.</summary>
    public Sequential(Shape? inputShape = null, string name = "sequential", int seed = 42)
    {
        _inputShape = inputShape;
        Name = string.IsNullOrWhiteSpace(name) ? throw new ArgumentException("Sequential: the model name must not be empty.", nameof(name)) : name;
        Seed = seed;
    }

    /// <summary>Creates a model from a list of layers, as <c>keras.Sequential([...])</c>.</summary>
    public Sequential(IEnumerable<Layer> layers, Shape inputShape, string name = "sequential", int seed = 42)
        : this(inputShape, name, seed)
    {
        ArgumentNullException.ThrowIfNull(layers);
        foreach (var layer in layers) Add(layer);
    }

    /// <summary>The model's name.</summary>
    public string Name { get; }

    /// <summary>The seed of the initial weights and of the shuffling in Fit.</summary>
    public int Seed { get; }

    /// <summary>The layers in order.</summary>
    public IReadOnlyList<Layer> Layers => _layers;

    /// <summary>The input shape of one sample.</summary>
    public Shape InputShape => _inputShape ?? throw new InvalidOperationException(
        $"Model '{Name}' has no input shape: pass it to the constructor, e.g. new Sequential(new Shape(28, 28, 1)).");

    /// <summary>The output shape of one sample (after Compile).</summary>
    public Shape OutputShape => IsCompiled ? _layers[^1].OutputShape : throw NotCompiled();

    /// <summary>True after a successful <see cref="Compile"/>, until a layer is added.</summary>
    public bool IsCompiled { get; private set; }

    /// <summary>The optimizer given to Compile.</summary>
    public Optimizer Optimizer => _optimizer ?? throw NotCompiled();

    /// <summary>The loss given to Compile.</summary>
    public Loss Loss => _loss ?? throw NotCompiled();

    /// <summary>The metrics given to Compile.</summary>
    public IReadOnlyList<Metric> Metrics { get; private set; } = [];

    /// <summary>Every trainable parameter, layer by layer.</summary>
    public IReadOnlyList<Parameter> Parameters => _layers.SelectMany(l => l.Parameters).ToList();

    /// <summary>Total number of trainable values.</summary>
    public long ParameterCount => _layers.Sum(l => (long)l.ParameterCount);

    /// <summary>Everything a weights file keeps, layer by layer: each layer's trainable parameters, then its
    /// non-trainable weights (e.g. BatchNormalization's moving statistics).</summary>
    public IReadOnlyList<Parameter> Weights => _layers.SelectMany(l => l.Parameters.Concat(l.NonTrainableWeights)).ToList();

    /// <summary>Set to true (e.g. from a callback) to end Fit at the next batch boundary.</summary>
    public bool StopTraining { get; set; }

    // The batches Predict and Evaluate copy their inputs into, kept from call to call like the layers' buffers.
    private readonly BatchBuffer _inputBatches = new();
    private readonly BatchBuffer _targetBatches = new();
    // Fit's training batches, kept too: a Fit call then allocates no batch-sized (large-object heap) arrays.
    private readonly BatchBuffer _trainInputBatches = new();
    private readonly BatchBuffer _trainTargetBatches = new();
    private Optimizer? _optimizer;
    private Loss? _loss;
    private bool _fuseSoftmax;

    /// <summary>Sets the input shape of one sample (before Compile).</summary>
    public void SetInputShape(Shape inputShape)
    {
        ArgumentNullException.ThrowIfNull(inputShape);
        _inputShape = inputShape;
        IsCompiled = false;
    }

    /// <summary>Adds a layer on top. A layer without a name gets a Keras-like one ("conv2d", "conv2d_1", ...).</summary>
    public Sequential Add(Layer layer)
    {
        ArgumentNullException.ThrowIfNull(layer);
        if (_layers.Contains(layer))
            throw new ArgumentException($"Sequential '{Name}': layer '{layer.Name}' ({layer.TypeName}) was already added.", nameof(layer));
        if (string.IsNullOrEmpty(layer.Name)) layer.Name = UniqueName(SnakeCase(layer.TypeName));
        else if (_layers.Any(l => l.Name == layer.Name))
            throw new ArgumentException($"Sequential '{Name}': a layer named '{layer.Name}' already exists; layer names must be unique.", nameof(layer));
        _layers.Add(layer);
        IsCompiled = false;
        return this;
    }

    /// <summary>
    /// Checks the whole stack, infers every output shape and creates the weights (from <see cref="Seed"/>);
    /// Keras's <c>compile</c> plus <c>build</c>. A layer that cannot take its input fails here, naming the layer,
    /// the expected and the received shape.
    /// </summary>
    public void Compile(Optimizer optimizer, Loss loss, params Metric[] metrics)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        ArgumentNullException.ThrowIfNull(loss);
        if (_layers.Count == 0) throw new InvalidOperationException($"Sequential '{Name}' has no layers: Add some before Compile.");
        var random = new Random(Seed);
        var shape = InputShape;
        foreach (var layer in _layers)
        {
            layer.Build(shape, random);
            shape = layer.OutputShape;
        }
        _optimizer = optimizer;
        _loss = loss;
        Metrics = metrics ?? [];
        _fuseSoftmax = ConfigureSoftmaxFusion(loss);
        IsCompiled = true;
    }

    /// <summary>Runs the model on <paramref name="x"/> <c>[N, ...input]</c> in batches; returns <c>[N, ...output]</c>.</summary>
    /// <exception cref="OperationCanceledException">The <see cref="Interruption"/> scope was interrupted (checked per batch).</exception>
    public Tensor Predict(Tensor x, int batchSize = 256)
    {
        CheckX(x, nameof(x));
        CheckBatchSize(batchSize);
        int n = x.Shape[0];
        var result = new Tensor(OutputShape.WithBatch(n));
        int per = OutputShape.Size;
        for (int start = 0; start < n; start += batchSize)
        {
            if (Interruption.IsRequested) throw Interruption.Interrupted($"Sequential '{Name}'.Predict", $"after {start:N0} of {n:N0} samples");
            int count = Math.Min(batchSize, n - start);
            var output = ForwardAll(CopyFiniteBatch(_inputBatches, x, InputShape, start, count, "x"), training: false);
            Array.Copy(output.Data, 0, result.Data, start * per, count * per);
        }
        return result;
    }

    /// <summary>The predicted class of every sample: the arg-max of the output, or output ≥ 0.5 for a single output.</summary>
    public int[] PredictClasses(Tensor x, int batchSize = 256)
    {
        var p = Predict(x, batchSize);
        if (OutputShape.Size == 1) return p.Data.Select(v => v >= 0.5f ? 1 : 0).ToArray();
        return p.ArgMaxRows();
    }

    /// <summary>Per-layer description with parameter counts and the formulas that give them.</summary>
    public ModelSummary Summary()
    {
        if (!IsCompiled) BuildForSummary();
        return new ModelSummary(Name, InputShape,
            _layers.Select(l => new LayerSummary(l.Name, l.TypeName, l.OutputShape, l.ParameterCount + (long)l.NonTrainableCount,
                l.ParameterFormula, l.NonTrainableCount)).ToList());
    }

    /// <summary>Saves the weights to <paramref name="path"/> in the versioned, checksummed NotebookNet format
    /// (see <see cref="Serialization.WeightsFile"/>), atomically.</summary>
    public void SaveWeights(string path) => Serialization.WeightsFile.Save(this, path);

    /// <summary>Loads weights saved from a model of the same architecture; anything else fails with a message saying
    /// what differs, and leaves the weights unchanged.</summary>
    public void LoadWeights(string path) => Serialization.WeightsFile.Load(this, path);

    /// <summary>
    /// Saves the whole model to <paramref name="path"/>: every layer with its constructor arguments, the weights, what
    /// Compile was given and, with <paramref name="includeOptimizer"/>, the optimizer's state so that training resumes
    /// exactly where it stopped. Versioned, checksummed, written atomically (see <see cref="Serialization.ModelFile"/>).
    /// </summary>
    /// <example><code>model.Save("mnist.nbm");
    /// var again = Sequential.Load("mnist.nbm");   // no code needed to rebuild it</code></example>
    public void Save(string path, bool includeOptimizer = true) => Serialization.ModelFile.Save(this, path, includeOptimizer);

    /// <summary>Loads a model saved by <see cref="Save"/>: a new compiled model that predicts bit for bit as the saved
    /// one. A damaged, truncated, newer or tampered file throws an <see cref="InvalidDataException"/> naming the file.</summary>
    public static Sequential Load(string path) => Serialization.ModelFile.Load(path);

    /// <summary>The layer with the given name.</summary>
    public Layer GetLayer(string name) =>
        _layers.FirstOrDefault(l => l.Name == name) ?? throw new KeyNotFoundException(
            $"Sequential '{Name}' has no layer '{name}'; its layers are: {string.Join(", ", _layers.Select(l => l.Name))}.");

    /// <inheritdoc/>
    public override string ToString() => IsCompiled || _inputShape is not null ? Summary().ToString() : $"Sequential '{Name}' ({_layers.Count} layers)";

    internal Tensor ForwardAll(Tensor x, bool training)
    {
        var t = x;
        foreach (var layer in _layers) t = layer.Forward(t, training);
        return t;
    }

    // Samples [start, start + count) of source copied into a tensor from buffer: a loop over batches reuses one
    // tensor (two with a smaller last batch) instead of allocating a slice per batch.
    internal static Tensor CopyBatch(BatchBuffer buffer, Tensor source, Shape sample, int start, int count)
    {
        var batch = buffer.Get(count, sample);
        int per = sample.Size;
        Array.Copy(source.Data, (long)start * per, batch.Data, 0, (long)count * per);
        return batch;
    }

    // Summary before Compile: build the layers (weights from the seed) so that shapes and counts are known.
    private void BuildForSummary()
    {
        var random = new Random(Seed);
        var shape = InputShape;
        foreach (var layer in _layers)
        {
            if (!layer.IsBuilt || !layer.InputShape.Equals(shape)) layer.Build(shape, random);
            shape = layer.OutputShape;
        }
    }

    private string UniqueName(string baseName)
    {
        int k = _nameCounters.GetValueOrDefault(baseName);
        _nameCounters[baseName] = k + 1;
        string name = k == 0 ? baseName : $"{baseName}_{k}";
        return _layers.Any(l => l.Name == name) ? UniqueName(baseName) : name;
    }

    // "MaxPooling2D" → "max_pooling2d", "ReLU" → "re_lu" as Keras names them.
    private static string SnakeCase(string typeName)
    {
        var sb = new System.Text.StringBuilder();
        for (int i = 0; i < typeName.Length; i++)
        {
            char c = typeName[i];
            if (char.IsUpper(c) && i > 0 && (char.IsLower(typeName[i - 1]) || (i + 1 < typeName.Length && char.IsLower(typeName[i + 1]))))
                sb.Append('_');
            sb.Append(char.ToLowerInvariant(c));
        }
        return sb.ToString();
    }

    private void CheckX(Tensor x, string argumentName)
    {
        ArgumentNullException.ThrowIfNull(x, argumentName);
        if (!IsCompiled) throw NotCompiled();
        var expected = InputShape;
        bool ok = x.Rank == expected.Rank + 1;
        for (int i = 0; ok && i < expected.Rank; i++) ok = x.Shape[i + 1] == expected[i];
        if (!ok)
            throw new ArgumentException($"Sequential '{Name}': {argumentName} has shape {x.ShapeString} but the model expects {expected.ToBatchString()}.", argumentName);
    }

    private static void CheckBatchSize(int batchSize)
    {
        if (batchSize < 1) throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, $"Received batchSize={batchSize}; it must be at least 1.");
    }

    private InvalidOperationException NotCompiled() =>
        new($"Sequential '{Name}' is not compiled: call Compile(optimizer, loss, metrics) first.");
}
