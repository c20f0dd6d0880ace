using NotebookNet.Layers;

namespace NotebookNet.Kernels;

/// <summary>
/// Checks a <see cref="ConvGeometry"/> before im2col/col2im trust it with raw pointers: positive sizes, padding
/// smaller than the window (TensorFlow's Same padding always is), a last window that starts inside the input,
/// and a column matrix that fits in one array. Each error names the value received.
/// </summary>
internal static class ConvColumnsGeometry
{
    public static void Check(in ConvGeometry g, string kernel)
    {
        Positive(g.Batch, "Batch", kernel); Positive(g.InH, "InH", kernel); Positive(g.InW, "InW", kernel);
        Positive(g.InC, "InC", kernel); Positive(g.KH, "KH", kernel); Positive(g.KW, "KW", kernel);
        Positive(g.StrideH, "StrideH", kernel); Positive(g.StrideW, "StrideW", kernel);
        Positive(g.OutH, "OutH", kernel); Positive(g.OutW, "OutW", kernel);
        Pad(g.PadTop, g.KH, "PadTop", "KH", kernel);
        Pad(g.PadLeft, g.KW, "PadLeft", "KW", kernel);
        LastWindow(g.OutH, g.StrideH, g.PadTop, g.InH, "OutH", "InH", kernel);
        LastWindow(g.OutW, g.StrideW, g.PadLeft, g.InW, "OutW", "InW", kernel);
        long values = (long)g.Batch * g.OutH * g.OutW * g.KH * g.KW * g.InC;
        if (values > Array.MaxLength || (long)g.Batch * g.InH * g.InW * g.InC > Array.MaxLength)
            throw new ArgumentException($"{kernel}: {Describe(g)} needs {values} column values, more than one array holds.");
    }

    public static string Describe(in ConvGeometry g) =>
        $"input {g.Batch}×{g.InH}×{g.InW}×{g.InC}, window {g.KH}×{g.KW}, strides ({g.StrideH}, {g.StrideW}), " +
        $"pad top {g.PadTop} left {g.PadLeft}, output {g.OutH}×{g.OutW}";

    private static void Positive(int value, string name, string kernel)
    {
        if (value < 1) throw new ArgumentOutOfRangeException(name, value, $"{kernel}: {name} must be at least 1; received {name}={value}.");
    }

    private static void Pad(int pad, int window, string name, string windowName, string kernel)
    {
        if (pad < 0 || pad >= window)
            throw new ArgumentOutOfRangeException(name, pad, $"{kernel}: {name} must be in [0, {windowName}−1 = {window - 1}]; received {name}={pad}.");
    }

    private static void LastWindow(int outSize, int stride, int pad, int inSize, string outName, string inName, string kernel)
    {
        long lastStart = (long)(outSize - 1) * stride - pad;
        if (lastStart >= inSize)
            throw new ArgumentOutOfRangeException(outName, outSize,
                $"{kernel}: {outName}={outSize} puts the last window at {lastStart}, outside the input ({inName}={inSize}); " +
                $"expected {outName} ≤ {(inSize - 1 + pad) / stride + 1}.");
    }
}
