using NotebookNet.Initializers;
using NotebookNet.Kernels;

namespace NotebookNet.Layers;

/// <summary>
/// Fully connected layer: every output unit sees every input value, <c>y = activation(x·W + b)</c>.
/// Input <c>[N, features]</c> (one vector per sample: put a <see cref="Flatten"/> before it for images),
/// output <c>[N, units]</c>. Kernel shape <c>[features, units]</c> and bias <c>[units]</c>, as in Keras.
/// Defaults: no activation, a bias, Glorot-uniform kernel, zero bias.
/// </summary>
/// <example><code>
/// model.Add(new Flatten());
/// model.Add(new Dense(10, activation: "softmax"));   // on 1600 inputs: (1600 + 1)·10 = 16,010 weights
/// </code></example>
public sealed class Dense : Layer
{
    private Parameter? _kernel;
    private Parameter? _bias;
    private Parameter[] _parameters = [];
    private Tensor? _input;
    private Tensor? _output;
    private bool _fast;
    private readonly BatchBuffer _outputs = new();
    private readonly BatchBuffer _inputGradients = new();
    private Scratch _scratch;

    /// <summary>Creates a dense layer with <paramref name="units"/> outputs per sample.</summary>
    /// <param name="units">Number of output units (≥ 1).</param>
    /// <param name="activation">"relu", "sigmoid", "tanh", "softmax", or "linear"/null for none.</param>
    /// <param name="useBias">Whether to add a bias per unit.</param>
    /// <param name="kernelInitializer">How to draw the kernel; Glorot uniform by default.</param>
    /// <param name="name">The layer's name; the model gives one when null.</param>
    public Dense(int units, string? activation = null, bool useBias = true, Initializer? kernelInitializer = null, string? name = null)
        : base(name)
    {
        Units = Require.Positive(nameof(Dense), nameof(units), units);
        Activation = Activations.CreateFor(nameof(Dense), activation, layerName: null);
        UseBias = useBias;
        KernelInitializer = kernelInitializer ?? Initializer.GlorotUniform;
    }

    /// <summary>Number of output units.</summary>
    public int Units { get; }

    /// <summary>The activation applied after <c>x·W + b</c>, or null for none (shown as one row with this layer in the summary).</summary>
    public Layer? Activation { get; }

    /// <summary>Whether the layer has a bias.</summary>
    public bool UseBias { get; }

    /// <summary>How the kernel is initialised.</summary>
    public Initializer KernelInitializer { get; }

    /// <summary>The weights W, shape <c>[features, units]</c> (after Build).</summary>
    public Parameter Kernel => _kernel ?? throw Require.NotBuilt(this);

    /// <summary>The bias b, shape <c>[units]</c> (after Build); null when <see cref="UseBias"/> is false.</summary>
    public Parameter? Bias => UseBias ? _bias ?? throw Require.NotBuilt(this) : null;

    /// <inheritdoc/>
    public override IReadOnlyList<Parameter> Parameters => _parameters;

    /// <summary>E.g. "(1600 + 1)·10 = 16,010": (inputs + bias)·units.</summary>
    public override string ParameterFormula
    {
        get
        {
            int inputs = InputShape[0];
            long count = (long)(inputs + (UseBias ? 1 : 0)) * Units;
            return UseBias ? $"({inputs} + 1)·{Units} = {Require.Count(count)}" : $"{inputs}·{Units} = {Require.Count(count)}";
        }
    }

    /// <inheritdoc/>
    public override Shape ComputeOutputShape(Shape inputShape)
    {
        ArgumentNullException.ThrowIfNull(inputShape);
        if (inputShape.Rank != 1)
            throw Mismatch("(features,): one vector per sample (add a Flatten layer before Dense to flatten images)", inputShape);
        return new Shape(Units);
    }

    /// <inheritdoc/>
    protected override void CreateWeights(Shape inputShape, Random random)
    {
        int inputs = inputShape[0];
        var kernel = new Tensor(inputs, Units);
        KernelInitializer.Fill(kernel.Span, fanIn: inputs, fanOut: Units, random);
        _kernel = new Parameter("kernel", kernel);
        _bias = UseBias ? new Parameter("bias", new Tensor(Units)) : null;
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
        int batch = input.Shape[0];
        var z = _outputs.Get(batch, OutputShape);
        var bias = _bias is null ? default : _bias.Value.Span;
        _input = input;
        _fast = !KernelSettings.UseReferenceLayers;
        if (!_fast)
        {
            ForwardReference(input.Span, Kernel.Value.Span, bias, z.Span, batch, InputShape[0], Units);
            return Activation?.Forward(z, training) ?? z;
        }
        // Fast path (Kernels/DenseKernels.cs): one GEMM, with the bias and a ReLU applied in the same pass.
        DenseKernels.Forward(input.Span, Kernel.Value.Span, bias, z.Span, _scratch.Get(DenseKernels.ForwardScratchLength(batch, InputShape[0], Units)),
            batch, InputShape[0], Units, FusedRelu, KernelSettings.ThreadCount, KernelSettings.Path);
        _output = z;
        return FusedRelu ? z : Activation?.Forward(z, training) ?? z;
    }

    /// <inheritdoc/>
    public override Tensor Backward(Tensor outputGradient) => BackwardCore(outputGradient, inputGradientNeeded: true)!;

    internal override void BackwardParametersOnly(Tensor outputGradient) => BackwardCore(outputGradient, inputGradientNeeded: false);

    private Tensor? BackwardCore(Tensor outputGradient, bool inputGradientNeeded)
    {
        var input = _input ?? throw NoForward();
        int batch = input.Shape[0];
        Require.SameShape(this, outputGradient, [batch, Units]);
        var biasGradient = _bias is null ? default : _bias.Gradient.Span;
        if (!_fast)
        {
            var dz = Activation?.Backward(outputGradient) ?? outputGradient;
            var inputGradient = _inputGradients.GetLike(input);
            BackwardReference(input.Span, Kernel.Value.Span, dz.Span, inputGradient.Span, Kernel.Gradient.Span, biasGradient, batch, InputShape[0], Units);
            return inputGradient;
        }
        var g = FusedRelu ? outputGradient : Activation?.Backward(outputGradient) ?? outputGradient;
        var dx = inputGradientNeeded ? _inputGradients.GetLike(input) : null;
        var scratch = _scratch.Get(DenseKernels.ScratchLength(batch, InputShape[0], Units, FusedRelu));
        DenseKernels.Backward(input.Span, Kernel.Value.Span, FusedRelu ? _output!.Span : default, g.Span, scratch,
            dx is null ? default : dx.Span, Kernel.Gradient.Span, biasGradient, batch, InputShape[0], Units, FusedRelu,
            KernelSettings.ThreadCount, KernelSettings.Path);
        return dx;
    }

    // A ReLU activation is fused into the fast kernels (forward epilogue, backward mask); other activations run as layers.
    private bool FusedRelu => Activation is ReLU;

    /// <summary>y[n, u] = b[u] + Σ_i x[n, i]·W[i, u]. An empty <paramref name="bias"/> means no bias.</summary>
    internal static void ForwardReference(ReadOnlySpan<float> input, ReadOnlySpan<float> kernel, ReadOnlySpan<float> bias,
        Span<float> output, int batch, int inputs, int units)
    {
        for (int n = 0; n < batch; n++)
        {
            var y = output.Slice(n * units, units);
            if (bias.IsEmpty) y.Clear(); else bias.CopyTo(y);
            for (int i = 0; i < inputs; i++)
            {
                float x = input[n * inputs + i];
                var w = kernel.Slice(i * units, units);
                for (int u = 0; u < units; u++) y[u] += x * w[u];
            }
        }
    }

    /// <summary>
    /// Given g = dLoss/dy: dW[i, u] = Σ_n x[n, i]·g[n, u], db[u] = Σ_n g[n, u], dx[n, i] = Σ_u W[i, u]·g[n, u].
    /// Overwrites all three outputs; an empty <paramref name="biasGradient"/> means no bias.
    /// </summary>
    internal static void BackwardReference(ReadOnlySpan<float> input, ReadOnlySpan<float> kernel, ReadOnlySpan<float> outputGradient,
        Span<float> inputGradient, Span<float> kernelGradient, Span<float> biasGradient, int batch, int inputs, int units)
    {
        kernelGradient.Clear();
        biasGradient.Clear();
        for (int n = 0; n < batch; n++)
        {
            var g = outputGradient.Slice(n * units, units);
            for (int u = 0; u < biasGradient.Length; u++) biasGradient[u] += g[u];
            for (int i = 0; i < inputs; i++)
            {
                float x = input[n * inputs + i];
                var w = kernel.Slice(i * units, units);
                var dw = kernelGradient.Slice(i * units, units);
                float sum = 0f;
                for (int u = 0; u < units; u++)
                {
                    dw[u] += x * g[u];
                    sum += w[u] * g[u];
                }
                inputGradient[n * inputs + i] = sum;
            }
        }
    }
}
