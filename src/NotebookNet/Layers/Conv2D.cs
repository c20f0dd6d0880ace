using NotebookNet.Compute;
using NotebookNet.Initializers;

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
/// <remarks>Forward and Backward run the loops below (<see cref="ForwardReference"/>, <see cref="BackwardReference"/>)
/// inside <c>using (ComputeMode.Reference())</c>, else their fast twin (Layers/Ops/ConvolutionOp.cs).</remarks>
public sealed class Conv2D : SlidingWindowLayer
{
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
        : this(filters, Square(nameof(Conv2D), nameof(kernelSize), kernelSize), Square(nameof(Conv2D), nameof(strides), strides),
            padding, activation, useBias, kernelInitializer, name) { }

    /// <summary>Creates a convolution with (height, width) kernels and strides; strides default to (1, 1).</summary>
    /// <inheritdoc cref="Conv2D(int, int, int, Padding, string?, bool, Initializer?, string?)" path="/param"/>
    public Conv2D(int filters, (int Height, int Width) kernelSize, (int Height, int Width)? strides = null, Padding padding = Padding.Valid,
        string? activation = null, bool useBias = true, Initializer? kernelInitializer = null, string? name = null)
        : base(nameof(Conv2D), filters, kernelSize, strides, padding, activation, useBias, kernelInitializer, name) =>
        Op = new ConvolutionOp(this);

    /// <summary>E.g. "(3·3·1 + 1)·32 = 320": (kh·kw·inChannels + bias)·filters. The kernel has shape
    /// <c>[kh, kw, inChannels, filters]</c>, the bias <c>[filters]</c>.</summary>
    public override string ParameterFormula => Formula("", $"{KernelSize.Height}·{KernelSize.Width}·{InputShape[2]}", Filters);

    private protected override WeightedOp Op { get; }

    // Keras's fans: fanIn = kh·kw·inC, fanOut = kh·kw·filters.
    private protected override (int[] Shape, int FanIn, int FanOut) KernelLayout(Shape inputShape)
    {
        var (kh, kw) = KernelSize;
        return ([kh, kw, inputShape[2], Filters], kh * kw * inputShape[2], kh * kw * Filters);
    }

    private protected override int[] BiasShape(Shape inputShape) => [Filters];

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
}
