
namespace NotebookNet.Compute;

/// <summary>
/// Checks a <see cref="ConvGeometry"/> before im2col/col2im trust it with raw pointers: positive sizes, padding
/// smaller than the window (TensorFlow's Same padding always is), a last window that starts inside the input,
/// and a column matrix that fits in one array. Each error names the value received.
/// </summary>
internal static class ConvColumnsGeometry
{
    public static void Check(in ConvGeometry g, string routine)
    {
        Positive(g.Batch, "Batch", routine); Positive(g.InH, "InH", routine); Positive(g.InW, "InW", routine);
        Positive(g.InC, "InC", routine); Positive(g.KH, "KH", routine); Positive(g.KW, "KW", routine);
        Positive(g.StrideH, "StrideH", routine); Positive(g.StrideW, "StrideW", routine);
        Positive(g.OutH, "OutH", routine); Positive(g.OutW, "OutW", routine);
        Pad(g.PadTop, g.KH, "PadTop", "KH", routine);
        Pad(g.PadLeft, g.KW, "PadLeft", "KW", routine);
        LastWindow(g.OutH, g.StrideH, g.PadTop, g.InH, "OutH", "InH", routine);
        LastWindow(g.OutW, g.StrideW, g.PadLeft, g.InW, "OutW", "InW", routine);
        long values = (long)g.Batch * g.OutH * g.OutW * g.KH * g.KW * g.InC;
        if (values > Array.MaxLength || (long)g.Batch * g.InH * g.InW * g.InC > Array.MaxLength)
            throw new ArgumentException($"{routine}: {Describe(g)} needs {values} column values, more than one array holds.");
    }

    public static string Describe(in ConvGeometry g) =>
        $"input {g.Batch}×{g.InH}×{g.InW}×{g.InC}, window {g.KH}×{g.KW}, strides ({g.StrideH}, {g.StrideW}), " +
        $"pad top {g.PadTop} left {g.PadLeft}, output {g.OutH}×{g.OutW}";

    private static void Positive(int value, string name, string routine)
    {
        if (value < 1) throw new ArgumentOutOfRangeException(name, value, $"{routine}: {name} must be at least 1; received {name}={value}.");
    }

    private static void Pad(int pad, int window, string name, string windowName, string routine)
    {
        if (pad < 0 || pad >= window)
            throw new ArgumentOutOfRangeException(name, pad, $"{routine}: {name} must be in [0, {windowName}−1 = {window - 1}]; received {name}={pad}.");
    }

    private static void LastWindow(int outSize, int stride, int pad, int inSize, string outName, string inName, string routine)
    {
        long lastStart = (long)(outSize - 1) * stride - pad;
        if (lastStart >= inSize)
            throw new ArgumentOutOfRangeException(outName, outSize,
                $"{routine}: {outName}={outSize} puts the last window at {lastStart}, outside the input ({inName}={inSize}); " +
                $"expected {outName} ≤ {(inSize - 1 + pad) / stride + 1}.");
    }
}
