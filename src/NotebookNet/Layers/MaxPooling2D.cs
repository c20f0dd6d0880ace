using NotebookNet.Compute;

namespace NotebookNet.Layers;

/// <summary>
/// Max pooling: keeps only the largest value of each window, per channel. Input <c>[N, H, W, C]</c>, output
/// <c>[N, outH, outW, C]</c> with out = ⌊(n − k)/s⌋ + 1 for <see cref="Padding.Valid"/> or ⌈n/s⌉ for
/// <see cref="Padding.Same"/> (padded positions never win). No weights. In Backward each output's gradient goes to
/// the one input that won its window (the first one on ties) and nowhere else, see <see cref="ArgMaxIndices"/>.
/// Defaults: 2×2 windows, strides equal to the pool size, valid padding.
/// </summary>
/// <example><code>model.Add(new MaxPooling2D());   // (26, 26, 32) → (13, 13, 32)</code></example>
public sealed class MaxPooling2D : Pooling2D
{
    private int[]? _argMax;          // grown, never shrunk: the last batch of an epoch is often smaller
    private int _argMaxLength;
    private int[]? _inputShape;
    private readonly MaxPoolOp _op = new();
    private readonly BatchBuffer _outputs = new();
    private readonly BatchBuffer _inputGradients = new();

    /// <summary>Creates a max pooling layer with square windows.</summary>
    /// <param name="poolSize">Window height and width (≥ 1).</param>
    /// <param name="strides">Step between windows; defaults to <paramref name="poolSize"/> (non-overlapping windows).</param>
    /// <param name="padding">Valid (windows inside the input) or Same (output = ⌈input/stride⌉).</param>
    /// <param name="name">The layer's name; the model gives one when null.</param>
    public MaxPooling2D(int poolSize = 2, int? strides = null, Padding padding = Padding.Valid, string? name = null)
        : this(Square(nameof(MaxPooling2D), nameof(poolSize), poolSize),
            strides is int s ? Square(nameof(MaxPooling2D), nameof(strides), s) : null, padding, name) { }

    /// <summary>Creates a max pooling layer with (height, width) windows and strides.</summary>
    /// <inheritdoc cref="MaxPooling2D(int, int?, Padding, string?)" path="/param"/>
    public MaxPooling2D((int Height, int Width) poolSize, (int Height, int Width)? strides = null, Padding padding = Padding.Valid, string? name = null)
        : base(nameof(MaxPooling2D), poolSize, strides, padding, name) { }

    /// <summary>
    /// For each value of the last Forward's output (row-major <c>[N, outH, outW, C]</c>), the index into that
    /// input's <see cref="Tensor.Data"/> of its window's maximum (the first one on ties). Backward sends the output's
    /// gradient there and nowhere else, so every other input position gets exactly zero. Empty before Forward.
    /// </summary>
    public IReadOnlyList<int> ArgMaxIndices =>
        _argMax is null ? [] : new System.Collections.ObjectModel.ReadOnlyCollection<int>(new ArraySegment<int>(_argMax, 0, _argMaxLength));

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input, bool training)
    {
        CheckInput(input);
        var g = Geometry(input.Shape[0]);
        var output = _outputs.Get(g.Batch, OutputShape);
        if (_argMax is null || _argMax.Length < output.Length) _argMax = new int[output.Length];
        _argMaxLength = output.Length;
        var argMax = _argMax.AsSpan(0, _argMaxLength);
        _op.Forward(input.Span, output.Span, argMax, g);       // ForwardReference below, or its fast twin
        _inputShape = input.Shape;
        return output;
    }

    /// <inheritdoc/>
    public override Tensor Backward(Tensor outputGradient)
    {
        var inputShape = _inputShape ?? throw NoForward();
        var g = Geometry(inputShape[0]);
        Require.SameShape(this, outputGradient, [g.Batch, g.OutH, g.OutW, g.Filters]);
        var inputGradient = _inputGradients.Get(g.Batch, InputShape);
        var argMax = _argMax.AsSpan(0, _argMaxLength);
        _op.Backward(outputGradient.Span, argMax, inputGradient.Span, g);
        return inputGradient;
    }

    /// <summary>
    /// y[n, oy, ox, c] = max over the window (ky, kx) of x[n, oy·sh − padTop + ky, ox·sw − padLeft + kx, c],
    /// skipping padded positions; <paramref name="argMax"/> receives the winning input index of every output.
    /// <c>Filters</c> in <paramref name="g"/> is the channel count.
    /// </summary>
    internal static void ForwardReference(ReadOnlySpan<float> input, Span<float> output, Span<int> argMax, ConvGeometry g)
    {
        for (int n = 0; n < g.Batch; n++)
        for (int oy = 0; oy < g.OutH; oy++)
        for (int ox = 0; ox < g.OutW; ox++)
        for (int c = 0; c < g.InC; c++)
        {
            int best = -1;
            for (int ky = 0; ky < g.KH; ky++)
            {
                int iy = g.InputRow(oy, ky);
                if (iy < 0 || iy >= g.InH) continue;       // Same padding: a padded position never wins
                for (int kx = 0; kx < g.KW; kx++)
                {
                    int ix = g.InputCol(ox, kx);
                    if (ix < 0 || ix >= g.InW) continue;
                    int i = g.InputOffset(n, iy, ix) + c;
                    if (best < 0 || input[i] > input[best]) best = i;   // strict >: the first maximum wins a tie
                }
            }
            // Every window holds at least one real input: with Same, padBefore < k and (out − 1)·s < n.
            int o = g.OutputOffset(n, oy, ox) + c;
            output[o] = input[best];
            argMax[o] = best;
        }
    }

    /// <summary>dx[argMax[o]] += G[o] for every output o; all other inputs get 0. Overlapping windows
    /// (stride &lt; pool) can pick the same input twice, hence +=. Overwrites <paramref name="inputGradient"/>.</summary>
    internal static void BackwardReference(ReadOnlySpan<float> outputGradient, ReadOnlySpan<int> argMax, Span<float> inputGradient)
    {
        inputGradient.Clear();
        for (int o = 0; o < outputGradient.Length; o++) inputGradient[argMax[o]] += outputGradient[o];
    }

}
