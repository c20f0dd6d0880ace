using NotebookNet.Compute;

namespace NotebookNet.Layers;

/// <summary>
/// Average pooling: each output is the mean of its window, per channel. Input <c>[N, H, W, C]</c>, output
/// <c>[N, outH, outW, C]</c> with out = ⌊(n − k)/s⌋ + 1 for <see cref="Padding.Valid"/> or ⌈n/s⌉ for
/// <see cref="Padding.Same"/>. With Same padding a border window averages only the real inputs it covers (the padding
/// is not counted, as in Keras/TensorFlow and ONNX's <c>count_include_pad = 0</c>). No weights. In Backward each
/// output's gradient is shared equally by the inputs of its window. Defaults: 2×2 windows, strides equal to the pool
/// size, valid padding, as Keras's <c>AveragePooling2D</c>.
/// </summary>
/// <example><code>model.Add(new AveragePooling2D());   // (26, 26, 32) → (13, 13, 32)</code></example>
public sealed class AveragePooling2D : Pooling2D
{
    private int _batch = -1;
    private readonly BatchBuffer _outputs = new();
    private readonly BatchBuffer _inputGradients = new();

    /// <summary>Creates an average pooling layer with square windows.</summary>
    /// <param name="poolSize">Window height and width (≥ 1).</param>
    /// <param name="strides">Step between windows; defaults to <paramref name="poolSize"/> (non-overlapping windows).</param>
    /// <param name="padding">Valid (windows inside the input) or Same (output = ⌈input/stride⌉).</param>
    /// <param name="name">The layer's name; the model gives one when null.</param>
    public AveragePooling2D(int poolSize = 2, int? strides = null, Padding padding = Padding.Valid, string? name = null)
        : this(Square(nameof(AveragePooling2D), nameof(poolSize), poolSize),
            strides is int s ? Square(nameof(AveragePooling2D), nameof(strides), s) : null, padding, name) { }

    /// <summary>Creates an average pooling layer with (height, width) windows and strides.</summary>
    /// <inheritdoc cref="AveragePooling2D(int, int?, Padding, string?)" path="/param"/>
    public AveragePooling2D((int Height, int Width) poolSize, (int Height, int Width)? strides = null, Padding padding = Padding.Valid,
        string? name = null)
        : base(nameof(AveragePooling2D), poolSize, strides, padding, name) { }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input, bool training)
    {
        CheckInput(input);
        var g = Geometry(input.Shape[0]);
        var output = _outputs.Get(g.Batch, OutputShape);
        ForwardReference(input.Span, output.Span, g);
        _batch = g.Batch;
        return output;
    }

    /// <inheritdoc/>
    public override Tensor Backward(Tensor outputGradient)
    {
        if (_batch < 0) throw NoForward();
        var g = Geometry(_batch);
        Require.SameShape(this, outputGradient, [g.Batch, g.OutH, g.OutW, g.Filters]);
        var inputGradient = _inputGradients.Get(g.Batch, InputShape);
        BackwardReference(outputGradient.Span, inputGradient.Span, g);
        return inputGradient;
    }

    /// <summary>
    /// y[n, oy, ox, c] = (1/count)·Σ x[n, oy·sh − padTop + ky, ox·sw − padLeft + kx, c] over the window positions that
    /// fall inside the input (count of them). <c>Filters</c> in <paramref name="g"/> is the channel count.
    /// </summary>
    internal static void ForwardReference(ReadOnlySpan<float> input, Span<float> output, ConvGeometry g)
    {
        for (int n = 0; n < g.Batch; n++)
        for (int oy = 0; oy < g.OutH; oy++)
        for (int ox = 0; ox < g.OutW; ox++)
        {
            var (y0, y1, x0, x1) = Window(g, oy, ox);
            float scale = 1f / ((y1 - y0) * (x1 - x0));
            var y = output.Slice(g.OutputOffset(n, oy, ox), g.InC);
            y.Clear();
            for (int iy = y0; iy < y1; iy++)
            for (int ix = x0; ix < x1; ix++)
            {
                var x = input.Slice(g.InputOffset(n, iy, ix), g.InC);
                for (int c = 0; c < g.InC; c++) y[c] += x[c];
            }
            for (int c = 0; c < g.InC; c++) y[c] *= scale;
        }
    }

    /// <summary>dx[n, iy, ix, c] = Σ over the windows that contain (iy, ix) of G[n, oy, ox, c]/count(oy, ox).
    /// Overwrites <paramref name="inputGradient"/>.</summary>
    internal static void BackwardReference(ReadOnlySpan<float> outputGradient, Span<float> inputGradient, ConvGeometry g)
    {
        inputGradient.Clear();
        for (int n = 0; n < g.Batch; n++)
        for (int oy = 0; oy < g.OutH; oy++)
        for (int ox = 0; ox < g.OutW; ox++)
        {
            var (y0, y1, x0, x1) = Window(g, oy, ox);
            float scale = 1f / ((y1 - y0) * (x1 - x0));
            var gy = outputGradient.Slice(g.OutputOffset(n, oy, ox), g.InC);
            for (int iy = y0; iy < y1; iy++)
            for (int ix = x0; ix < x1; ix++)
            {
                var dx = inputGradient.Slice(g.InputOffset(n, iy, ix), g.InC);
                for (int c = 0; c < g.InC; c++) dx[c] += gy[c] * scale;
            }
        }
    }

    // The input rows [y0, y1) and columns [x0, x1) under output (oy, ox), clipped to the input: never empty, since with
    // Same padding padBefore < k and (out − 1)·s < n.
    private static (int Y0, int Y1, int X0, int X1) Window(ConvGeometry g, int oy, int ox)
    {
        int y0 = g.InputRow(oy, 0), x0 = g.InputCol(ox, 0);
        return (Math.Max(y0, 0), Math.Min(y0 + g.KH, g.InH), Math.Max(x0, 0), Math.Min(x0 + g.KW, g.InW));
    }

}
