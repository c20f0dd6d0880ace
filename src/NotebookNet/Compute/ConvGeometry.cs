namespace NotebookNet.Compute;

/// <summary>
/// Everything a sliding window needs to know, for one batch: input size, window size, stride, padding and
/// output size. Shared by Conv2D, LocallyConnected2D and MaxPooling2D (where <see cref="Filters"/> is the
/// number of output channels, equal to <see cref="InC"/> for pooling). Tensors are NHWC, row-major.
/// </summary>
internal readonly record struct ConvGeometry(
    int Batch, int InH, int InW, int InC,
    int KH, int KW, int StrideH, int StrideW,
    int PadTop, int PadLeft,
    int OutH, int OutW, int Filters)
{
    /// <summary>Values in one input batch: N·H·W·C.</summary>
    public int InputLength => Batch * InH * InW * InC;

    /// <summary>Values in one output batch: N·outH·outW·filters.</summary>
    public int OutputLength => Batch * OutH * OutW * Filters;

    /// <summary>Values in one window across all input channels: kh·kw·inC (a conv's fan-in).</summary>
    public int PatchSize => KH * KW * InC;

    /// <summary>Index in the input of pixel (n, iy, ix), channel 0: ((n·H + iy)·W + ix)·C.</summary>
    public int InputOffset(int n, int iy, int ix) => ((n * InH + iy) * InW + ix) * InC;

    /// <summary>Index in the output of location (n, oy, ox), filter 0: ((n·outH + oy)·outW + ox)·filters.</summary>
    public int OutputOffset(int n, int oy, int ox) => ((n * OutH + oy) * OutW + ox) * Filters;

    /// <summary>Row of the input under window row <paramref name="ky"/> of output row <paramref name="oy"/>
    /// (negative or ≥ InH when it falls in the zero padding).</summary>
    public int InputRow(int oy, int ky) => oy * StrideH - PadTop + ky;

    /// <summary>Column of the input under window column <paramref name="kx"/> of output column <paramref name="ox"/>.</summary>
    public int InputCol(int ox, int kx) => ox * StrideW - PadLeft + kx;
}

/// <summary>The output-size rule shared by every sliding-window layer.</summary>
internal static class ConvMath
{
    /// <summary>
    /// Output length of a window of size <paramref name="k"/> sliding with stride <paramref name="s"/> over
    /// <paramref name="n"/> inputs, and the zero padding placed before the first input.
    /// <para>Valid (no padding, p = 0): out = ⌊(n + 2p − k) / s⌋ + 1 = ⌊(n − k) / s⌋ + 1; it is ≤ 0 when the
    /// window does not fit (callers turn that into a shape error).</para>
    /// <para>Same (TensorFlow's rule): out = ⌈n / s⌉, total padding = max((out − 1)·s + k − n, 0),
    /// padBefore = ⌊total / 2⌋, so an odd extra pixel goes after (bottom/right).</para>
    /// </summary>
    public static (int Out, int PadBefore) OutputSize(int n, int k, int s, Padding padding)
    {
        switch (padding)
        {
            case Padding.Valid:
                // Written with a sign test rather than ⌊⌋ on negative numbers: C# division truncates toward zero.
                return (n < k ? 0 : (n - k) / s + 1, 0);
            case Padding.Same:
                int output = (n + s - 1) / s;
                int total = Math.Max((output - 1) * s + k - n, 0);
                return (output, total / 2);
            default:
                throw new ArgumentOutOfRangeException(nameof(padding), padding, $"Unknown padding {padding}; use Padding.Valid or Padding.Same.");
        }
    }

    /// <summary>The geometry of a window layer over input samples of shape (H, W, C); <c>Batch</c> is 0
    /// until set with <c>geometry with { Batch = n }</c>. The window must fit (check before calling).</summary>
    public static ConvGeometry Geometry(Shape input, (int H, int W) kernel, (int H, int W) strides, Padding padding, int filters)
    {
        var (outH, padTop) = OutputSize(input[0], kernel.H, strides.H, padding);
        var (outW, padLeft) = OutputSize(input[1], kernel.W, strides.W, padding);
        return new ConvGeometry(0, input[0], input[1], input[2], kernel.H, kernel.W, strides.H, strides.W,
            padTop, padLeft, outH, outW, filters);
    }
}
