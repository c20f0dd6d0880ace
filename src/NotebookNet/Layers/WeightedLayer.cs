using NotebookNet.Initializers;

namespace NotebookNet.Layers;

/// <summary>
/// What <see cref="Dense"/>, <see cref="Conv2D"/> and <see cref="LocallyConnected2D"/> share: a kernel and a bias,
/// an initialiser for the kernel, an optional activation, and the weight-count formula. A weighted layer computes
/// <c>activation(x ⊛ kernel + bias)</c>, where ⊛ is the layer's own product, written as plain loops in the
/// layer's file (<c>ForwardReference</c>/<c>BackwardReference</c>). Forward and Backward run those loops, or their
/// fast twins in NotebookNet.Compute, through one seam per layer (see <see cref="Compute.ComputeMode"/>).
/// </summary>
public abstract class WeightedLayer : Layer
{
    private Parameter? _kernel;
    private Parameter? _bias;
    private Parameter[] _parameters = [];

    private protected WeightedLayer(string? name, bool useBias, Initializer? kernelInitializer) : base(name)
    {
        UseBias = useBias;
        KernelInitializer = kernelInitializer ?? Initializer.GlorotUniform;
    }

    /// <summary>The activation applied after the weighted sums, or null for none (shown as one row with this layer
    /// in the summary).</summary>
    public Layer? Activation { get; private protected init; }

    /// <summary>Whether the layer has a bias.</summary>
    public bool UseBias { get; }

    /// <summary>How the kernel is initialised.</summary>
    public Initializer KernelInitializer { get; }

    /// <summary>The weights (after Build); the layer's documentation gives the shape.</summary>
    public Parameter Kernel => _kernel ?? throw Require.NotBuilt(this);

    /// <summary>The bias (after Build); null when <see cref="UseBias"/> is false.</summary>
    public Parameter? Bias => UseBias ? _bias ?? throw Require.NotBuilt(this) : null;

    /// <inheritdoc/>
    public override IReadOnlyList<Parameter> Parameters => _parameters;

    /// <summary>The seam that runs this layer's reference loops or the fast routines.</summary>
    private protected abstract WeightedOp Op { get; }

    internal override Softmax? OutputSoftmax => Activation as Softmax;

    /// <summary>The kernel's shape and Keras's fans for an input sample of <paramref name="inputShape"/>.</summary>
    private protected abstract (int[] Shape, int FanIn, int FanOut) KernelLayout(Shape inputShape);

    /// <summary>The bias's shape (one value per output unit, filter, or location and filter).</summary>
    private protected abstract int[] BiasShape(Shape inputShape);

    /// <summary>Kernel from the initializer with the layer's fans; bias zeros; the activation built on the output shape.</summary>
    protected sealed override void CreateWeights(Shape inputShape, Random random)
    {
        var (shape, fanIn, fanOut) = KernelLayout(inputShape);
        var kernel = new Tensor(shape);
        KernelInitializer.Fill(kernel.Span, fanIn, fanOut, random);
        _kernel = new Parameter("kernel", kernel);
        _bias = UseBias ? new Parameter("bias", new Tensor(BiasShape(inputShape))) : null;
        _parameters = _bias is null ? [_kernel] : [_kernel, _bias];
        if (Activation is not null)
        {
            Activation.Name = $"{Name}_{Activation.TypeName.ToLowerInvariant()}";
            Activation.Build(OutputShape, random);
        }
    }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input, bool training)
    {
        CheckInput(input);
        return Op.Forward(input, training);
    }

    /// <inheritdoc/>
    public override Tensor Backward(Tensor outputGradient) => Op.Backward(outputGradient, inputGradientNeeded: true)!;

    internal override void BackwardParametersOnly(Tensor outputGradient) => Op.Backward(outputGradient, inputGradientNeeded: false);

    /// <summary>"(fanIn + 1)·outputs = count" (without the "+ 1" when there is no bias), after
    /// <paramref name="locations"/> (e.g. "2·2·") for a layer with weights of their own at every location.</summary>
    private protected string Formula(string locations, string fanIn, int outputs) =>
        locations + (UseBias ? $"({fanIn} + 1)·{outputs}" : $"{fanIn}·{outputs}") + $" = {Require.Count(ParameterCount)}";

    /// <summary>The activation called <paramref name="activation"/>, validated for the layer type <paramref name="owner"/>.</summary>
    private protected static Layer? ActivationFor(string owner, string? activation) =>
        Activations.CreateFor(owner, activation, layerName: null);
}
