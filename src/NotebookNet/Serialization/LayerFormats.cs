using NotebookNet.Layers;

namespace NotebookNet.Serialization;

/// <summary>
/// The closed set of layer types a model file can hold, each mapped explicitly: how its constructor arguments are
/// written (<see cref="LayerConfig.Set(string, int)"/> and friends) and how the layer is constructed again from them.
/// Loading looks the file's "type" up in this table and nowhere else: no type is resolved by name, no code in a
/// file is ever run.
/// </summary>
/// <remarks>
/// <b>Adding a layer type</b> is one entry below: its type name, a writer that puts every constructor argument
/// (Keras's snake_case keys) into the config, and a reader that calls the constructor with them and the name.
/// Weights need nothing more: they are the layer's <see cref="Layer.Parameters"/>, saved in order and checked
/// against the shapes the rebuilt layer creates. State that is not a trainable parameter but must survive (for
/// example BatchNormalization's moving mean and variance) goes in the optional <c>state</c> function: the tensors
/// it returns are saved after the parameters and filled in place on load. Then add the type to the round-trip
/// test's model (ModelFileTests.EveryLayerType).
/// </remarks>
internal static class LayerFormats
{
    private static readonly Dictionary<string, LayerFormat> ByType = new LayerFormat[]
    {
        LayerFormat.For<Dense>(nameof(Dense),
            (l, c) => c.Set("units", l.Units).SetActivation(l.Activation).Set("use_bias", l.UseBias)
                .SetInitializer("kernel_initializer", l.KernelInitializer),
            c => new Dense(c.Int("units"), c.Activation(), c.Bool("use_bias"), c.Initializer("kernel_initializer"), c.Name)),
        LayerFormat.For<Conv2D>(nameof(Conv2D),
            (l, c) => c.Set("filters", l.Filters).Set("kernel_size", l.KernelSize).Set("strides", l.Strides).Set("padding", l.Padding)
                .SetActivation(l.Activation).Set("use_bias", l.UseBias).SetInitializer("kernel_initializer", l.KernelInitializer),
            c => new Conv2D(c.Int("filters"), c.Pair("kernel_size"), c.Pair("strides"), c.Padding(), c.Activation(), c.Bool("use_bias"),
                c.Initializer("kernel_initializer"), c.Name)),
        LayerFormat.For<LocallyConnected2D>(nameof(LocallyConnected2D),
            (l, c) => c.Set("filters", l.Filters).Set("kernel_size", l.KernelSize).Set("strides", l.Strides)
                .SetActivation(l.Activation).Set("use_bias", l.UseBias).SetInitializer("kernel_initializer", l.KernelInitializer),
            c => new LocallyConnected2D(c.Int("filters"), c.Pair("kernel_size"), c.Pair("strides"), c.Activation(), c.Bool("use_bias"),
                c.Initializer("kernel_initializer"), c.Name)),
        LayerFormat.For<MaxPooling2D>(nameof(MaxPooling2D),
            (l, c) => c.Set("pool_size", l.PoolSize).Set("strides", l.Strides).Set("padding", l.Padding),
            c => new MaxPooling2D(c.Pair("pool_size"), c.Pair("strides"), c.Padding(), c.Name)),
        LayerFormat.For<AveragePooling2D>(nameof(AveragePooling2D),
            (l, c) => c.Set("pool_size", l.PoolSize).Set("strides", l.Strides).Set("padding", l.Padding),
            c => new AveragePooling2D(c.Pair("pool_size"), c.Pair("strides"), c.Padding(), c.Name)),
        LayerFormat.For<GlobalAveragePooling2D>(nameof(GlobalAveragePooling2D), (_, _) => { }, c => new GlobalAveragePooling2D(c.Name)),
        LayerFormat.For<BatchNormalization>(nameof(BatchNormalization),
            (l, c) => c.Set("momentum", l.Momentum).Set("epsilon", l.Epsilon),
            c => new BatchNormalization(c.Double("momentum"), c.Double("epsilon"), c.Name),
            state: l => l.NonTrainableWeights.Select(w => w.Value).ToList()),
        LayerFormat.For<Flatten>(nameof(Flatten), (_, _) => { }, c => new Flatten(c.Name)),
        LayerFormat.For<Dropout>(nameof(Dropout),
            (l, c) => c.Set("rate", l.Rate).Set("seed", l.Seed),
            c => new Dropout(c.Double("rate"), c.OptionalInt("seed"), c.Name)),
        LayerFormat.For<ReLU>(nameof(ReLU), (_, _) => { }, c => new ReLU(c.Name)),
        LayerFormat.For<Sigmoid>(nameof(Sigmoid), (_, _) => { }, c => new Sigmoid(c.Name)),
        LayerFormat.For<Tanh>(nameof(Tanh), (_, _) => { }, c => new Tanh(c.Name)),
        LayerFormat.For<Softmax>(nameof(Softmax), (_, _) => { }, c => new Softmax(c.Name)),
    }.ToDictionary(f => f.TypeName, StringComparer.Ordinal);

    /// <summary>The layer types a model file can hold.</summary>
    public static IReadOnlyCollection<string> TypeNames => ByType.Keys;

    /// <summary>The format of <paramref name="layer"/>'s type, or an error saying that it cannot be saved.</summary>
    public static LayerFormat Of(Layer layer) =>
        ByType.TryGetValue(layer.GetType().Name, out var f) && f.Accepts(layer) ? f : throw new NotSupportedException(
            $"Layer '{layer.Name}' ({layer.GetType().Name}) cannot be saved in a model file: the format knows the layer types " +
            $"{string.Join(", ", TypeNames)}. Use SaveWeights to save the weights of a model with other layers.");

    /// <summary>The format of the type named in a file, or null when the type is unknown.</summary>
    public static LayerFormat? Find(string typeName) => ByType.GetValueOrDefault(typeName);
}

/// <summary>One layer type's entry in <see cref="LayerFormats"/>.</summary>
internal sealed class LayerFormat
{
    private readonly Func<Layer, bool> _accepts;
    private readonly Action<Layer, LayerConfig> _write;
    private readonly Func<LayerConfig, Layer> _read;
    private readonly Func<Layer, IReadOnlyList<Tensor>> _state;

    private LayerFormat(string typeName, Func<Layer, bool> accepts, Action<Layer, LayerConfig> write, Func<LayerConfig, Layer> read,
        Func<Layer, IReadOnlyList<Tensor>> state)
    {
        TypeName = typeName;
        _accepts = accepts;
        _write = write;
        _read = read;
        _state = state;
    }

    /// <summary>The type name written in the file.</summary>
    public string TypeName { get; }

    /// <summary>An entry for layers of type <typeparamref name="T"/>.</summary>
    public static LayerFormat For<T>(string typeName, Action<T, LayerConfig> write, Func<LayerConfig, T> read,
        Func<T, IReadOnlyList<Tensor>>? state = null) where T : Layer =>
        new(typeName, l => l.GetType() == typeof(T), (l, c) => write((T)l, c), c => read(c),
            l => state is null ? [] : state((T)l));

    public bool Accepts(Layer layer) => _accepts(layer);

    /// <summary>The layer's constructor arguments.</summary>
    public LayerConfig Write(Layer layer)
    {
        var config = new LayerConfig();
        _write(layer, config);
        return config;
    }

    /// <summary>A new, unbuilt layer from its constructor arguments.</summary>
    public Layer Read(LayerConfig config) => _read(config);

    /// <summary>Non-trainable tensors to save besides the parameters (empty for most layers).</summary>
    public IReadOnlyList<Tensor> State(Layer layer) => _state(layer);
}
