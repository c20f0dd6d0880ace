using NotebookNet.Initializers;
using NotebookNet.Kernels;

namespace NotebookNet.Layers;

/// <summary>
/// 2-D convolution: one small set of weights (a filter) slides over the image, so the same detector is applied at
/// every location ("shared weights"). Input <c>[N, H, W, C]</c> (NHWC), output <c>[N, outH, outW, filters]</c>
/// with out = ⌊(n − k)/s⌋ + 1 for <see cref="Padding.Valid"/> or ⌈n/s⌉ for <see cref="Padding.Same"/>.
/// Kernel shape <c>[kh, kw, C, filters]</c> and bias <c>[filters]</c>, as in Keras.
/// Defaults: stride 1, valid padding, no activation, a bias, Glorot-uniform kernel.
/// </summary>
/// <example><code>
/// model.Add(new Conv2D(32, 3, activation: "relu"));   // on (28, 28, 1): (3·3·1 + 1)·32 = 320 weights
/// model.Add(new Conv2D(64, (3, 3), strides: (2, 2), padding: Padding.Same));
/// </code></example>
public sealed class Conv2D : Layer
{
    private Parameter? _kernel;
    private Parameter? _bias;
    private Parameter[] _parameters = [];
    private ConvGeometry _geometry;
    private Tensor? _input;
    private Tensor? _output;
    private bool _fast;
    private readonly BatchBuffer _outputs = new();
    private readonly BatchBuffer _inputGradients = new();
    private Scratch _partials;

    /// <summary>Creates a convolution with square kernels and equal strides.</summary>
    /// <param name="filters">Number of filters, i.e. output channels (≥ 1).</param>
    /// <param name="kernelSize">Height and width of each filter (≥ 1).</param>
    /// <param name="strides">Step between two windows, in both directions (≥ 1).</param>
    /// <param name="padding">Valid (no padding) or Same (zero padding, output = ⌈input/stride⌉).</param>
    /// <param name="activation">"relu", "sigmoid", "tanh", "softmax", or "linear"/null for none.</param>
    /// <param name="useBias">Whether to add a bias per filter.</param>
    /// <param name="kernelInitializer">How to draw the kernel; Glorot uniform by default.</param>
    /// <param name="name">The layer's name; the model gives one when null.</param>
    public Conv2D(int filters, int kernelSize, int strides = 1, Padding padding = Padding.Valid, string? activation = null,
        bool useBias = true, Initializer? kernelInitializer = null, string? name = null)
        : this(filters, Square(nameof(kernelSize), kernelSize), Square(nameof(strides), strides), padding, activation, useBias, kernelInitializer, name) { }

    /// <summary>Creates a convolution with (height, width) kernels and strides; strides default to (1, 1).</summary>
    /// <inheritdoc cref="Conv2D(int, int, int, Padding, string?, bool, Initializer?, string?)" path="/param"/>
    public Conv2D(int filters, (int Height, int Width) kernelSize, (int Height, int Width)? strides = null, Padding padding = Padding.Valid,
        string? activation = null, bool useBias = true, Initializer? kernelInitializer = null, string? name = null)
        : base(name)
    {
        Filters = Require.Positive(nameof(Conv2D), nameof(filters), filters);
        KernelSize = Require.PositivePair(nameof(Conv2D), nameof(kernelSize), kernelSize);
        Strides = Require.PositivePair(nameof(Conv2D), nameof(strides), strides ?? (1, 1));
        Padding = Require.KnownPadding(nameof(Conv2D), padding);
        Activation = Activations.CreateFor(nameof(Conv2D), activation, layerName: null);
        UseBias = useBias;
        KernelInitializer = kernelInitializer ?? Initializer.GlorotUniform;
    }

    /// <summary>Number of filters (output channels).</summary>
    public int Filters { get; }

    /// <summary>Filter (height, width).</summary>
    public (int Height, int Width) KernelSize { get; }

    /// <summary>Step between windows (vertical, horizontal).</summary>
    public (int Height, int Width) Strides { get; }

    /// <summary>Border handling.</summary>
    public Padding Padding { get; }

    /// <summary>The activation applied after the convolution, or null for none (shown as one row with this layer in the summary).</summary>
    public Layer? Activation { get; }

    /// <summary>Whether the layer has a bias.</summary>
    public bool UseBias { get; }

    /// <summary>How the kernel is initialised.</summary>
    public Initializer KernelInitializer { get; }

    /// <summary>The filters, shape <c>[kh, kw, inChannels, filters]</c> (after Build).</summary>
    public Parameter Kernel => _kernel ?? throw Require.NotBuilt(this);

    /// <summary>One bias per filter, shape <c>[filters]</c> (after Build); null when <see cref="UseBias"/> is false.</summary>
    public Parameter? Bias => UseBias ? _bias ?? throw Require.NotBuilt(this) : null;

    /// <inheritdoc/>
    public override IReadOnlyList<Parameter> Parameters => _parameters;

    /// <summary>E.g. "(3·3·1 + 1)·32 = 320": (kh·kw·inChannels + bias)·filters.</summary>
    public override string ParameterFormula
    {
        get
        {
            var (kh, kw) = KernelSize;
            int channels = InputShape[2];
            long count = (long)(kh * kw * channels + (UseBias ? 1 : 0)) * Filters;
            string patch = $"{kh}·{kw}·{channels}";
            return (UseBias ? $"({patch} + 1)·{Filters}" : $"{patch}·{Filters}") + $" = {Require.Count(count)}";
        }
    }

    /// <inheritdoc/>
    public override Shape ComputeOutputShape(Shape inputShape)
    {
        ArgumentNullException.ThrowIfNull(inputShape);
        if (inputShape.Rank != 3)
            throw Mismatch("(height, width, channels): one image per sample, channels last", inputShape);
        var g = ConvMath.Geometry(inputShape, KernelSize, Strides, Padding, Filters);
        if (g.OutH < 1 || g.OutW < 1)
            throw Mismatch($"(height ≥ {KernelSize.Height}, width ≥ {KernelSize.Width}, channels) for a " +
                $"{KernelSize.Height}×{KernelSize.Width} kernel with padding Valid", inputShape);
        return new Shape(g.OutH, g.OutW, Filters);
    }

    /// <summary>Kernel from the initializer with Keras's fans (fanIn = kh·kw·inC, fanOut = kh·kw·filters); bias zeros.</summary>
    protected override void CreateWeights(Shape inputShape, Random random)
    {
        _geometry = ConvMath.Geometry(inputShape, KernelSize, Strides, Padding, Filters);
        var (kh, kw) = KernelSize;
        var kernel = new Tensor(kh, kw, inputShape[2], Filters);
        KernelInitializer.Fill(kernel.Span, fanIn: kh * kw * inputShape[2], fanOut: kh * kw * Filters, random);
        _kernel = new Parameter("kernel", kernel);
        _bias = UseBias ? new Parameter("bias", new Tensor(Filters)) : null;
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
        var g = _geometry with { Batch = input.Shape[0] };
        var z = _outputs.Get(g.Batch, OutputShape);
        var bias = _bias is null ? default : _bias.Value.Span;
        _input = input;
        _fast = !KernelSettings.UseReferenceLayers;
        if (!_fast)
        {
            ForwardReference(input.Span, Kernel.Value.Span, bias, z.Span, g);
            return Activation?.Forward(z, training) ?? z;
        }
        // Fast path (Kernels/Conv2DKernels.cs): im2col + GEMM in cache-sized chunks, with the bias and a ReLU fused.
        Conv2DKernels.Forward(input.Span, Kernel.Value.Span, bias, z.Span, g, FusedRelu, KernelSettings.ThreadCount, KernelSettings.Path);
        _output = z;
        return FusedRelu ? z : Activation?.Forward(z, training) ?? z;
    }

    /// <inheritdoc/>
    public override Tensor Backward(Tensor outputGradient) => BackwardCore(outputGradient, inputGradientNeeded: true)!;

    internal override void BackwardParametersOnly(Tensor outputGradient) => BackwardCore(outputGradient, inputGradientNeeded: false);

    private Tensor? BackwardCore(Tensor outputGradient, bool inputGradientNeeded)
    {
        var input = _input ?? throw NoForward();
        var g = _geometry with { Batch = input.Shape[0] };
        Require.SameShape(this, outputGradient, [g.Batch, g.OutH, g.OutW, g.Filters]);
        var biasGradient = _bias is null ? default : _bias.Gradient.Span;
        if (!_fast)
        {
            var dz = Activation?.Backward(outputGradient) ?? outputGradient;
            var inputGradient = _inputGradients.GetLike(input);
            BackwardReference(input.Span, Kernel.Value.Span, dz.Span, inputGradient.Span, Kernel.Gradient.Span, biasGradient, g);
            return inputGradient;
        }
        var gz = FusedRelu ? outputGradient : Activation?.Backward(outputGradient) ?? outputGradient;
        var dx = inputGradientNeeded ? _inputGradients.GetLike(input) : null;
        int partials = Conv2DKernels.PartialsLength(g);
        Conv2DKernels.Backward(input.Span, Kernel.Value.Span, FusedRelu ? _output!.Span : default, gz.Span, dx is null ? default : dx.Span,
            Kernel.Gradient.Span, biasGradient, _partials.Get(partials).AsSpan(0, partials), g, FusedRelu, KernelSettings.ThreadCount, KernelSettings.Path);
        return dx;
    }

    // A ReLU activation is fused into the fast kernels (forward epilogue, backward mask); other activations run as layers.
    private bool FusedRelu => Activation is ReLU;

    /// <summary>
    /// y[n, oy, ox, f] = b[f] + Σ_{ky, kx, c} x[n, oy·sh − padTop + ky, ox·sw − padLeft + kx, c]·K[ky, kx, c, f],
    /// where positions outside the input are the zero padding. An empty <paramref name="bias"/> means no bias.
    /// </summary>
    internal static void ForwardReference(ReadOnlySpan<float> input, ReadOnlySpan<float> kernel, ReadOnlySpan<float> bias,
        Span<float> output, ConvGeometry g)
    {
        for (int n = 0; n < g.Batch; n++)
        for (int oy = 0; oy < g.OutH; oy++)
        for (int ox = 0; ox < g.OutW; ox++)
        {
            var y = output.Slice(g.OutputOffset(n, oy, ox), g.Filters);
            if (bias.IsEmpty) y.Clear(); else bias.CopyTo(y);
            for (int ky = 0; ky < g.KH; ky++)
            {
                int iy = g.InputRow(oy, ky);
                if (iy < 0 || iy >= g.InH) continue;          // zero padding adds nothing
                for (int kx = 0; kx < g.KW; kx++)
                {
                    int ix = g.InputCol(ox, kx);
                    if (ix < 0 || ix >= g.InW) continue;
                    for (int c = 0; c < g.InC; c++)
                    {
                        float x = input[g.InputOffset(n, iy, ix) + c];
                        var w = kernel.Slice(((ky * g.KW + kx) * g.InC + c) * g.Filters, g.Filters);
                        for (int f = 0; f < g.Filters; f++) y[f] += x * w[f];
                    }
                }
            }
        }
    }

    /// <summary>
    /// The same loops as <see cref="ForwardReference"/>, run backwards: given G = dLoss/dy,
    /// dK[ky, kx, c, f] = Σ_{n, oy, ox} x[n, iy, ix, c]·G[n, oy, ox, f], db[f] = Σ_{n, oy, ox} G[n, oy, ox, f],
    /// dx[n, iy, ix, c] = Σ over the windows that cover it of K[ky, kx, c, f]·G[n, oy, ox, f].
    /// Overwrites all three outputs; an empty <paramref name="biasGradient"/> means no bias.
    /// </summary>
    internal static void BackwardReference(ReadOnlySpan<float> input, ReadOnlySpan<float> kernel, ReadOnlySpan<float> outputGradient,
        Span<float> inputGradient, Span<float> kernelGradient, Span<float> biasGradient, ConvGeometry g)
    {
        inputGradient.Clear();
        kernelGradient.Clear();
        biasGradient.Clear();
        for (int n = 0; n < g.Batch; n++)
        for (int oy = 0; oy < g.OutH; oy++)
        for (int ox = 0; ox < g.OutW; ox++)
        {
            var gy = outputGradient.Slice(g.OutputOffset(n, oy, ox), g.Filters);
            for (int f = 0; f < biasGradient.Length; f++) biasGradient[f] += gy[f];
            for (int ky = 0; ky < g.KH; ky++)
            {
                int iy = g.InputRow(oy, ky);
                if (iy < 0 || iy >= g.InH) continue;
                for (int kx = 0; kx < g.KW; kx++)
                {
                    int ix = g.InputCol(ox, kx);
                    if (ix < 0 || ix >= g.InW) continue;
                    for (int c = 0; c < g.InC; c++)
                    {
                        int xi = g.InputOffset(n, iy, ix) + c;
                        int wi = ((ky * g.KW + kx) * g.InC + c) * g.Filters;
                        var w = kernel.Slice(wi, g.Filters);
                        var dw = kernelGradient.Slice(wi, g.Filters);
                        float sum = 0f;
                        for (int f = 0; f < g.Filters; f++)
                        {
                            dw[f] += input[xi] * gy[f];
                            sum += w[f] * gy[f];
                        }
                        inputGradient[xi] += sum;
                    }
                }
            }
        }
    }

    private static (int, int) Square(string argument, int value) => (Require.Positive(nameof(Conv2D), argument, value), value);
}
