using NotebookNet.Compute;
using NotebookNet.Initializers;

namespace NotebookNet.Layers;

/// <summary>
/// Like <see cref="Conv2D"/>, but with a separate set of filters at every output location (no weight sharing):
/// the lecture's "localized detectors". Keras's <c>LocallyConnected2D</c>, valid padding only.
/// Input <c>[N, H, W, C]</c>, output <c>[N, outH, outW, filters]</c> with out = ⌊(n − k)/s⌋ + 1.
/// Kernel shape <c>[outH·outW, kh·kw·C, filters]</c> (a patch is flattened row-major: ky, kx, c) and
/// bias <c>[outH, outW, filters]</c>, as in Keras.
/// </summary>
/// <example><code>
/// // 100×100×1 image, 25 detectors of 25×25 pixels at 2×2 locations = 100 hidden neurons:
/// model.Add(new LocallyConnected2D(25, 25, strides: 75));   // 2·2·(25·25·1 + 1)·25 = 62,600 weights
/// </code></example>
/// <remarks>Forward and Backward run the loops below (<see cref="ForwardReference"/>, <see cref="BackwardReference"/>);
/// this layer has no fast routine.</remarks>
public sealed class LocallyConnected2D : SlidingWindowLayer
{
    /// <summary>Creates a locally connected layer with square kernels and equal strides.</summary>
    /// <param name="filters">Number of filters per location, i.e. output channels (≥ 1).</param>
    /// <param name="kernelSize">Height and width of each filter (≥ 1).</param>
    /// <param name="strides">Step between two windows, in both directions (≥ 1).</param>
    /// <param name="activation">"relu", "sigmoid", "tanh", "softmax", or "linear"/null for none.</param>
    /// <param name="useBias">Whether to add a bias per location and filter.</param>
    /// <param name="kernelInitializer">How to draw the kernel; Glorot uniform by default.</param>
    /// <param name="name">The layer's name; the model gives one when null.</param>
    public LocallyConnected2D(int filters, int kernelSize, int strides = 1, string? activation = null,
        bool useBias = true, Initializer? kernelInitializer = null, string? name = null)
        : this(filters, Square(nameof(LocallyConnected2D), nameof(kernelSize), kernelSize),
            Square(nameof(LocallyConnected2D), nameof(strides), strides), activation, useBias, kernelInitializer, name) { }

    /// <summary>Creates a locally connected layer with (height, width) kernels and strides; strides default to (1, 1).</summary>
    /// <inheritdoc cref="LocallyConnected2D(int, int, int, string?, bool, Initializer?, string?)" path="/param"/>
    public LocallyConnected2D(int filters, (int Height, int Width) kernelSize, (int Height, int Width)? strides = null,
        string? activation = null, bool useBias = true, Initializer? kernelInitializer = null, string? name = null)
        : base(nameof(LocallyConnected2D), filters, kernelSize, strides, Padding.Valid, activation, useBias, kernelInitializer, name) =>
        Op = new LocallyConnectedOp(this);

    /// <summary>E.g. "2·2·(25·25·1 + 1)·25 = 62,600": locations·(kh·kw·inChannels + bias)·filters. The kernel has
    /// shape <c>[outH·outW, kh·kw·inChannels, filters]</c>, the bias <c>[outH, outW, filters]</c>.</summary>
    public override string ParameterFormula =>
        Formula($"{OutputShape[0]}·{OutputShape[1]}·", $"{KernelSize.Height}·{KernelSize.Width}·{InputShape[2]}", Filters);

    private protected override WeightedOp Op { get; }

    /// <summary>
    /// The fans of one location's filter (fanIn = kh·kw·inC, fanOut = kh·kw·filters), so the kernel starts at the
    /// scale of the equivalent Conv2D. (Keras's generic fan rule would multiply both by the number of locations,
    /// shrinking the initial weights by √locations.)
    /// </summary>
    private protected override (int[] Shape, int FanIn, int FanOut) KernelLayout(Shape inputShape)
    {
        var g = ConvMath.Geometry(inputShape, KernelSize, Strides, Padding.Valid, Filters);
        return ([g.OutH * g.OutW, g.PatchSize, Filters], g.PatchSize, g.KH * g.KW * Filters);
    }

    private protected override int[] BiasShape(Shape inputShape) => [OutputShape[0], OutputShape[1], Filters];

    /// <summary>
    /// With location l = oy·outW + ox and patch index p = (ky·kw + kx)·C + c:
    /// y[n, oy, ox, f] = b[oy, ox, f] + Σ_p x[n, oy·sh + ky, ox·sw + kx, c]·K[l, p, f].
    /// Valid padding, so every window lies inside the input. An empty <paramref name="bias"/> means no bias.
    /// </summary>
    internal static void ForwardReference(ReadOnlySpan<float> input, ReadOnlySpan<float> kernel, ReadOnlySpan<float> bias,
        Span<float> output, ConvGeometry g)
    {
        int perLocation = g.PatchSize * g.Filters;
        for (int n = 0; n < g.Batch; n++)
        for (int oy = 0; oy < g.OutH; oy++)
        for (int ox = 0; ox < g.OutW; ox++)
        {
            int location = oy * g.OutW + ox;
            var y = output.Slice(g.OutputOffset(n, oy, ox), g.Filters);
            if (bias.IsEmpty) y.Clear(); else bias.Slice(location * g.Filters, g.Filters).CopyTo(y);
            var locationKernel = kernel.Slice(location * perLocation, perLocation);
            for (int ky = 0; ky < g.KH; ky++)
            for (int kx = 0; kx < g.KW; kx++)
            for (int c = 0; c < g.InC; c++)
            {
                float x = input[g.InputOffset(n, g.InputRow(oy, ky), g.InputCol(ox, kx)) + c];
                var w = locationKernel.Slice(((ky * g.KW + kx) * g.InC + c) * g.Filters, g.Filters);
                for (int f = 0; f < g.Filters; f++) y[f] += x * w[f];
            }
        }
    }

    /// <summary>
    /// The same loops as <see cref="ForwardReference"/>, run backwards: given G = dLoss/dy,
    /// dK[l, p, f] = Σ_n x[n, iy, ix, c]·G[n, oy, ox, f], db[oy, ox, f] = Σ_n G[n, oy, ox, f],
    /// dx[n, iy, ix, c] = Σ over the windows that cover it of K[l, p, f]·G[n, oy, ox, f].
    /// Overwrites all three outputs; an empty <paramref name="biasGradient"/> means no bias.
    /// </summary>
    internal static void BackwardReference(ReadOnlySpan<float> input, ReadOnlySpan<float> kernel, ReadOnlySpan<float> outputGradient,
        Span<float> inputGradient, Span<float> kernelGradient, Span<float> biasGradient, ConvGeometry g)
    {
        inputGradient.Clear();
        kernelGradient.Clear();
        biasGradient.Clear();
        int perLocation = g.PatchSize * g.Filters;
        for (int n = 0; n < g.Batch; n++)
        for (int oy = 0; oy < g.OutH; oy++)
        for (int ox = 0; ox < g.OutW; ox++)
        {
            int location = oy * g.OutW + ox;
            var gy = outputGradient.Slice(g.OutputOffset(n, oy, ox), g.Filters);
            if (!biasGradient.IsEmpty)
            {
                var db = biasGradient.Slice(location * g.Filters, g.Filters);
                for (int f = 0; f < g.Filters; f++) db[f] += gy[f];
            }
            for (int ky = 0; ky < g.KH; ky++)
            for (int kx = 0; kx < g.KW; kx++)
            for (int c = 0; c < g.InC; c++)
            {
                int xi = g.InputOffset(n, g.InputRow(oy, ky), g.InputCol(ox, kx)) + c;
                int wi = location * perLocation + ((ky * g.KW + kx) * g.InC + c) * g.Filters;
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
