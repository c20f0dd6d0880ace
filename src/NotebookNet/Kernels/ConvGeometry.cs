namespace NotebookNet.Kernels;

/// <summary>
/// The shapes of one im2col: an NHWC batch [Batch, Height, Width, Channels], a KernelHeight×KernelWidth window
/// moved by (StrideY, StrideX), PadTop/PadLeft zeros before the first row/column, and the output size the
/// layer computed (bottom/right padding is whatever the output size implies). Window (oy, ox) covers input rows
/// iy = oy·StrideY − PadTop + ky, columns ix = ox·StrideX − PadLeft + kx.
/// <para>The column matrix has <see cref="Rows"/> = Batch·OutHeight·OutWidth (one per output pixel) and
/// <see cref="Columns"/> = KernelHeight·KernelWidth·Channels ordered (ky, kx, c): the order of a kernel stored
/// [kh, kw, inC, filters], so conv forward = columns · kernel viewed as (kh·kw·inC)×filters.</para>
/// </summary>
internal readonly struct ConvGeometry
{
    /// <summary>Checks and stores the geometry; every error names the offending value.</summary>
    public ConvGeometry(int batch, int height, int width, int channels, int kernelHeight, int kernelWidth,
        int strideY, int strideX, int padTop, int padLeft, int outHeight, int outWidth)
    {
        Positive(batch, nameof(batch)); Positive(height, nameof(height)); Positive(width, nameof(width));
        Positive(channels, nameof(channels)); Positive(kernelHeight, nameof(kernelHeight)); Positive(kernelWidth, nameof(kernelWidth));
        Positive(strideY, nameof(strideY)); Positive(strideX, nameof(strideX));
        Positive(outHeight, nameof(outHeight)); Positive(outWidth, nameof(outWidth));
        CheckPad(padTop, kernelHeight, nameof(padTop), nameof(kernelHeight));
        CheckPad(padLeft, kernelWidth, nameof(padLeft), nameof(kernelWidth));
        // The last window must start inside the input, else its row of columns would be all padding.
        CheckLastWindow(outHeight, strideY, padTop, height, nameof(outHeight), nameof(height));
        CheckLastWindow(outWidth, strideX, padLeft, width, nameof(outWidth), nameof(width));
        long columns = (long)kernelHeight * kernelWidth * channels;
        long rows = (long)batch * outHeight * outWidth;
        if (rows * columns > Array.MaxLength || (long)batch * height * width * channels > Array.MaxLength)
            throw new ArgumentException($"im2col of a {batch}×{height}×{width}×{channels} input with a {kernelHeight}×{kernelWidth} window needs {rows}×{columns} values, more than one array holds.");

        (Batch, Height, Width, Channels) = (batch, height, width, channels);
        (KernelHeight, KernelWidth, StrideY, StrideX) = (kernelHeight, kernelWidth, strideY, strideX);
        (PadTop, PadLeft, OutHeight, OutWidth) = (padTop, padLeft, outHeight, outWidth);
    }

    public int Batch { get; }
    public int Height { get; }
    public int Width { get; }
    public int Channels { get; }
    public int KernelHeight { get; }
    public int KernelWidth { get; }
    public int StrideY { get; }
    public int StrideX { get; }
    public int PadTop { get; }
    public int PadLeft { get; }
    public int OutHeight { get; }
    public int OutWidth { get; }

    /// <summary>Rows of the column matrix: one per output pixel, Batch·OutHeight·OutWidth.</summary>
    public int Rows => Batch * OutHeight * OutWidth;

    /// <summary>Columns of the column matrix: KernelHeight·KernelWidth·Channels.</summary>
    public int Columns => KernelHeight * KernelWidth * Channels;

    /// <summary>Values in the input batch.</summary>
    public int InputLength => Batch * Height * Width * Channels;

    /// <summary>Values in the column matrix.</summary>
    public int ColumnsLength => Rows * Columns;

    /// <summary>A 1×1 window, stride 1, no padding: the column matrix is the input itself (N·H·W × C), so a layer can skip im2col.</summary>
    public bool IsPointwise => KernelHeight == 1 && KernelWidth == 1 && StrideY == 1 && StrideX == 1
        && PadTop == 0 && PadLeft == 0 && OutHeight == Height && OutWidth == Width;

    public override string ToString() =>
        $"input {Batch}×{Height}×{Width}×{Channels}, window {KernelHeight}×{KernelWidth}, strides ({StrideY}, {StrideX}), " +
        $"pad top {PadTop} left {PadLeft}, output {OutHeight}×{OutWidth}";

    private static void Positive(int value, string name)
    {
        if (value < 1) throw new ArgumentOutOfRangeException(name, value, $"ConvGeometry: {name} must be at least 1; received {name}={value}.");
    }

    private static void CheckPad(int pad, int kernel, string name, string kernelName)
    {
        if (pad < 0 || pad >= kernel)
            throw new ArgumentOutOfRangeException(name, pad, $"ConvGeometry: {name} must be in [0, {kernelName}−1 = {kernel - 1}]; received {name}={pad}.");
    }

    private static void CheckLastWindow(int outSize, int stride, int pad, int inSize, string outName, string inName)
    {
        long lastStart = (long)(outSize - 1) * stride - pad;
        if (lastStart >= inSize)
            throw new ArgumentOutOfRangeException(outName, outSize,
                $"ConvGeometry: {outName}={outSize} puts the last window at {lastStart}, outside the input ({inName}={inSize}); " +
                $"expected {outName} ≤ {(inSize - 1 + pad) / stride + 1}.");
    }
}
