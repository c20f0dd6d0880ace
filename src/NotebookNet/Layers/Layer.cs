using NotebookNet.Compute;

namespace NotebookNet.Layers;

/// <summary>
/// The contract every layer follows (Keras vocabulary, ConvNetJS spirit):
/// <list type="bullet">
/// <item><see cref="ComputeOutputShape"/> validates an input shape and returns the output shape (no batch dimension).</item>
/// <item><see cref="Build"/> creates the weights for a given input shape, from a seeded random source.</item>
/// <item><see cref="Forward"/> maps a batch <c>[N, ...input]</c> to <c>[N, ...output]</c>, keeping only what Backward needs.</item>
/// <item><see cref="Backward"/> takes dLoss/dOutput, accumulates nothing: it <i>sets</i> every parameter's gradient
///   for this batch and returns dLoss/dInput.</item>
/// <item><see cref="Parameters"/> lists the trainable weights with their gradients, explicitly.</item>
/// </list>
/// Layers reuse their output and input-gradient tensors from one call to the next (training allocates nothing per
/// batch): a returned tensor holds its values until the layer's next call with the same batch size. Clone it to keep it.
/// </summary>
public abstract class Layer
{
    private Shape? _inputShape;
    private Shape? _outputShape;

    /// <summary>Creates a layer; <paramref name="name"/> defaults to a Keras-like name given by the model.</summary>
    protected Layer(string? name) => Name = name ?? "";

    /// <summary>The layer's name, e.g. "conv2d_1". Given by the model when not set.</summary>
    public string Name { get; internal set; }

    /// <summary>The Keras class name, e.g. "Conv2D".</summary>
    public virtual string TypeName => GetType().Name;

    /// <summary>True once <see cref="Build"/> has run.</summary>
    public bool IsBuilt => _outputShape is not null;

    /// <summary>The input shape of one sample (after Build).</summary>
    public Shape InputShape => _inputShape ?? throw NotBuilt();

    /// <summary>The output shape of one sample (after Build).</summary>
    public Shape OutputShape => _outputShape ?? throw NotBuilt();

    /// <summary>The trainable parameters, each with its gradient. Empty for layers without weights.</summary>
    public virtual IReadOnlyList<Parameter> Parameters => [];

    /// <summary>Total number of trainable values.</summary>
    public int ParameterCount => Parameters.Sum(p => p.Count);

    /// <summary>
    /// State the layer keeps that training does not change by gradient descent (Keras's non_trainable_weights), e.g.
    /// BatchNormalization's moving mean and variance. Saved and loaded with the weights, counted in the summary as
    /// non-trainable, never given to the optimizer. Empty for most layers.
    /// </summary>
    public virtual IReadOnlyList<Parameter> NonTrainableWeights => [];

    /// <summary>Total number of non-trainable values (<see cref="NonTrainableWeights"/>).</summary>
    public int NonTrainableCount => NonTrainableWeights.Sum(p => p.Count);

    /// <summary>How <see cref="ParameterCount"/> is computed, e.g. "(3·3·1 + 1)·32 = 320"; "0" for layers without weights.</summary>
    public virtual string ParameterFormula => "0";

    /// <summary>Checks that this layer accepts <paramref name="inputShape"/> and returns its output shape.
    /// Throws <see cref="ShapeMismatchException"/> naming the layer and both shapes when it does not.</summary>
    public abstract Shape ComputeOutputShape(Shape inputShape);

    /// <summary>Creates the weights for <paramref name="inputShape"/>. Calling it again re-initialises them.</summary>
    public void Build(Shape inputShape, Random random)
    {
        ArgumentNullException.ThrowIfNull(inputShape);
        ArgumentNullException.ThrowIfNull(random);
        var output = ComputeOutputShape(inputShape);
        _inputShape = inputShape;
        _outputShape = output;
        CreateWeights(inputShape, random);
    }

    /// <summary>Forward pass over a batch. <paramref name="training"/> switches Dropout and caching for Backward.</summary>
    public abstract Tensor Forward(Tensor input, bool training);

    /// <summary>
    /// Forward through the plain loops written in this layer's file, whatever <see cref="ComputeMode"/> is in force:
    /// what <c>using (ComputeMode.Reference())</c> runs, for one call. Like <c>Forward(input, training: false)</c>
    /// (Dropout passes values through), but the result is a new tensor the caller keeps.
    /// </summary>
    /// <example><code>var loops = conv.ForwardReference(x);   // the definition
    /// var fast = conv.Forward(x, training: false);        // the fast routine: equal up to rounding</code></example>
    public Tensor ForwardReference(Tensor input)
    {
        using (ComputeMode.Reference()) return Forward(input, training: false).Clone();
    }

    /// <summary>Backward pass: given dLoss/dOutput for the last training Forward, sets parameter gradients and returns dLoss/dInput.</summary>
    public abstract Tensor Backward(Tensor outputGradient);

    /// <summary>
    /// Backward when nothing below this layer needs dLoss/dInput (Fit, for the first layer with weights): sets the
    /// parameter gradients like <see cref="Backward"/>, and a layer may skip computing the input gradient.
    /// </summary>
    internal virtual void BackwardParametersOnly(Tensor outputGradient) => Backward(outputGradient);

    /// <summary>The softmax whose probabilities this layer outputs, if any: a Softmax layer itself, or a weighted
    /// layer's <c>activation: "softmax"</c>. The model fuses it with a cross-entropy loss.</summary>
    internal virtual Softmax? OutputSoftmax => null;

    /// <summary>The window this layer slides over its input (a convolution's or a pooling's), for one sample; null for a
    /// layer that maps each position to itself. The receptive field is computed from it.</summary>
    internal virtual ConvGeometry? SlidingWindow => null;

    /// <summary>Creates the parameter tensors; the default is a layer without weights.</summary>
    protected virtual void CreateWeights(Shape inputShape, Random random) { }

    /// <summary>
    /// The output shape (outH, outW, channels) of a <paramref name="window"/> sliding with <paramref name="strides"/>
    /// over an image sample (height, width, channels): the rule of <c>ConvMath.OutputSize</c>; <paramref name="channels"/>
    /// null keeps the input's. Throws the shape error, naming the <paramref name="windowKind"/> ("kernel", "pool").
    /// </summary>
    private protected Shape WindowOutputShape(Shape inputShape, (int Height, int Width) window, (int Height, int Width) strides,
        Padding padding, int? channels, string windowKind)
    {
        ArgumentNullException.ThrowIfNull(inputShape);
        if (inputShape.Rank != 3)
            throw Mismatch("(height, width, channels): one image per sample, channels last", inputShape);
        int outChannels = channels ?? inputShape[2];
        var g = ConvMath.Geometry(inputShape, window, strides, padding, outChannels);
        if (g.OutH < 1 || g.OutW < 1)
            throw Mismatch($"(height ≥ {window.Height}, width ≥ {window.Width}, channels) for a " +
                $"{window.Height}×{window.Width} {windowKind} with padding Valid", inputShape);
        return new Shape(g.OutH, g.OutW, outChannels);
    }

    /// <summary>The error for an input this layer cannot take.</summary>
    protected ShapeMismatchException Mismatch(string expected, Shape received) =>
        new(Name, TypeName, expected, received);

    /// <summary>Checks a batch's sample shape against the built input shape.</summary>
    protected void CheckInput(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var expected = InputShape;
        bool ok = input.Rank == expected.Rank + 1;
        for (int i = 0; ok && i < expected.Rank; i++) ok = input.Shape[i + 1] == expected[i];
        if (!ok) throw new ShapeMismatchException(Name, TypeName, expected.ToBatchString(), "[" + string.Join(", ", input.Shape) + "]");
    }

    /// <summary>The error when Backward is called without a training Forward first.</summary>
    protected internal InvalidOperationException NoForward() =>
        new($"Layer '{Name}' ({TypeName}): Backward was called before Forward(input, training: true).");

    private InvalidOperationException NotBuilt() =>
        new($"Layer '{Name}' ({TypeName}) is not built yet: add it to a Sequential model and call Compile (or call Build).");

    /// <inheritdoc/>
    public override string ToString() => IsBuilt ? $"{Name} ({TypeName}) {InputShape} → {OutputShape}" : $"{Name} ({TypeName})";
}
