using NotebookNet.Compute;
using NotebookNet.Layers;
using static NotebookNet.Onnx.OnnxGraph;

namespace NotebookNet.Onnx;

/// <summary>
/// Each NotebookNet layer as ONNX operators (opset 13), inference behaviour. Images enter the graph as NotebookNet's
/// NHWC and are transposed once to ONNX's NCHW (see <see cref="OnnxExport"/>); Flatten transposes them back first so
/// that the flattened order is NotebookNet's (channel fastest), and every weight is rearranged for NCHW here.
/// </summary>
internal static class LayerExport
{
    public static Value Export(OnnxGraph g, Layer layer, Value x) => layer switch
    {
        Dense d => Activation(g, d.Activation, Dense(g, d, x)),
        Conv2D c => Activation(g, c.Activation, Conv(g, c, x)),
        LocallyConnected2D lc => Activation(g, lc.Activation, LocallyConnected(g, lc, x)),
        MaxPooling2D p => Pool(g, "MaxPool", p, p.PoolSize, p.Strides, p.Padding, x),
        AveragePooling2D p => Pool(g, "AveragePool", p, p.PoolSize, p.Strides, p.Padding, x,
            Int("count_include_pad", 0)),                 // a Same border window averages only real pixels, as the layer does
        GlobalAveragePooling2D p => GlobalAveragePool(g, p, x),
        BatchNormalization b => BatchNorm(g, b, x),
        Flatten f => Flatten(g, f, x),
        Dropout d => new(g.Node("Identity", $"{d.Name}/Identity", [x.Name]), x.Layout),   // the identity at inference
        ReLU or Sigmoid or Tanh or Softmax => Activation(g, layer, x),
        _ => throw new NotSupportedException(
            $"ONNX export: layer '{layer.Name}' ({layer.TypeName}) has no ONNX translation; supported are Dense, Conv2D, " +
            "LocallyConnected2D, MaxPooling2D, AveragePooling2D, GlobalAveragePooling2D, BatchNormalization, Flatten, " +
            "Dropout, ReLU, Sigmoid, Tanh and Softmax."),
    };

    /// <summary>NHWC [N, H, W, C] → NCHW [N, C, H, W].</summary>
    public static Value ToNchw(OnnxGraph g, string input, string hint) =>
        new(g.Node("Transpose", hint, [input], Ints("perm", 0, 3, 1, 2)), Layout.Nchw);

    /// <summary>NCHW → NHWC, NotebookNet's order.</summary>
    public static string ToNhwc(OnnxGraph g, Value x, string hint) =>
        g.Node("Transpose", hint, [x.Name], Ints("perm", 0, 2, 3, 1));

    // y = x·W + b: Gemm takes W as NotebookNet stores it, [features, units].
    private static Value Dense(OnnxGraph g, Dense d, Value x)
    {
        string w = g.Initializer($"{d.Name}/kernel", d.Kernel.Value.Span, d.Kernel.Value.Shape[0], d.Kernel.Value.Shape[1]);
        string[] inputs = d.Bias is { } b ? [x.Name, w, g.Initializer($"{d.Name}/bias", b.Value.Span, d.Units)] : [x.Name, w];
        return new(g.Node("Gemm", $"{d.Name}/Gemm", inputs), Layout.Flat);
    }

    private static Value Conv(OnnxGraph g, Conv2D c, Value x)
    {
        Require(x, Layout.Nchw, c);
        var (kh, kw) = c.KernelSize;
        int inC = c.InputShape[2], filters = c.Filters;
        // NotebookNet's kernel is [kh, kw, inC, filters] (Keras's HWIO); ONNX wants [filters, inC, kh, kw] (OIHW).
        var k = c.Kernel.Value.Span;
        var w = new float[k.Length];
        for (int ky = 0; ky < kh; ky++)
        for (int kx = 0; kx < kw; kx++)
        for (int ci = 0; ci < inC; ci++)
        for (int f = 0; f < filters; f++)
            w[((f * inC + ci) * kh + ky) * kw + kx] = k[((ky * kw + kx) * inC + ci) * filters + f];
        var inputs = new List<string> { x.Name, g.Initializer($"{c.Name}/kernel", w, filters, inC, kh, kw) };
        if (c.Bias is { } b) inputs.Add(g.Initializer($"{c.Name}/bias", b.Value.Span, filters));
        return new(g.Node("Conv", $"{c.Name}/Conv", inputs,
            Ints("kernel_shape", kh, kw), Ints("strides", c.Strides.Height, c.Strides.Width),
            Ints("pads", Pads(c.InputShape, c.KernelSize, c.Strides, c.Padding))), Layout.Nchw);
    }

    /// <summary>
    /// A separate filter bank at every location, honestly decomposed: a Conv with fixed one-hot filters copies each
    /// window into channels (im2col: channel p = (ky·kw + kx)·C + c, the layer's patch order, exact since every
    /// product is x·1 or x·0), then one batched MatMul applies location l's [patch, filters] matrix to its patch.
    /// </summary>
    private static Value LocallyConnected(OnnxGraph g, LocallyConnected2D lc, Value x)
    {
        Require(x, Layout.Nchw, lc);
        var (kh, kw) = lc.KernelSize;
        int inC = lc.InputShape[2], outH = lc.OutputShape[0], outW = lc.OutputShape[1], filters = lc.Filters;
        int patch = kh * kw * inC, locations = outH * outW;
        var oneHot = new float[patch * inC * kh * kw];
        for (int ky = 0; ky < kh; ky++)
        for (int kx = 0; kx < kw; kx++)
        for (int c = 0; c < inC; c++)
        {
            int p = (ky * kw + kx) * inC + c;
            oneHot[((p * inC + c) * kh + ky) * kw + kx] = 1f;
        }
        string n = lc.Name;
        string patches = g.Node("Conv", $"{n}/Unfold", [x.Name, g.Initializer($"{n}/unfold", oneHot, patch, inC, kh, kw)],
            Ints("kernel_shape", kh, kw), Ints("strides", lc.Strides.Height, lc.Strides.Width));          // [N, P, outH, outW]
        string columns = g.Node("Reshape", $"{n}/Columns", [patches, g.Int64Initializer($"{n}/columns_shape", 0, patch, locations)]);
        string byLocation = g.Node("Transpose", $"{n}/ByLocation", [columns], Ints("perm", 2, 0, 1));      // [L, N, P]
        string z = g.Node("MatMul", $"{n}/MatMul", [byLocation,
            g.Initializer($"{n}/kernel", lc.Kernel.Value.Span, locations, patch, filters)]);                // [L, N, F]
        if (lc.Bias is { } b)
            z = g.Node("Add", $"{n}/Add", [z, g.Initializer($"{n}/bias", b.Value.Span, locations, 1, filters)]);
        string bySample = g.Node("Transpose", $"{n}/BySample", [z], Ints("perm", 1, 0, 2));                // [N, L, F]
        string nhwc = g.Node("Reshape", $"{n}/Nhwc", [bySample, g.Int64Initializer($"{n}/nhwc_shape", 0, outH, outW, filters)]);
        return ToNchw(g, nhwc, $"{n}/Nchw");
    }

    private static Value Pool(OnnxGraph g, string op, Layer p, (int H, int W) pool, (int H, int W) strides, Padding padding, Value x,
        params NotebookNet.Onnx.Schema.AttributeProto[] extra)
    {
        Require(x, Layout.Nchw, p);
        return new(g.Node(op, $"{p.Name}/{op}", [x.Name],
            [Ints("kernel_shape", pool.H, pool.W), Ints("strides", strides.H, strides.W),
             Ints("pads", Pads(p.InputShape, pool, strides, padding)), .. extra]), Layout.Nchw);
    }

    private static Value GlobalAveragePool(OnnxGraph g, GlobalAveragePooling2D p, Value x)
    {
        Require(x, Layout.Nchw, p);
        string pooled = g.Node("GlobalAveragePool", $"{p.Name}/GlobalAveragePool", [x.Name]);          // [N, C, 1, 1]
        return new(g.Node("Flatten", $"{p.Name}/Flatten", [pooled], Int("axis", 1)), Layout.Flat);
    }

    // Inference: y = γ·(x − moving mean)/√(moving variance + ε) + β over channel axis 1, which is the layer's last axis
    // for [N, C] and for NCHW images.
    private static Value BatchNorm(OnnxGraph g, BatchNormalization b, Value x)
    {
        if (!(x.Layout == Layout.Nchw || b.InputShape.Rank == 1))
            throw new NotSupportedException(
                $"ONNX export: BatchNormalization '{b.Name}' on samples of shape {b.InputShape} is not exported; " +
                "only vectors (features,) and images (height, width, channels) are.");
        int c = b.Channels;
        return new(g.Node("BatchNormalization", $"{b.Name}/BatchNormalization",
            [x.Name, g.Initializer($"{b.Name}/gamma", b.Gamma.Value.Span, c), g.Initializer($"{b.Name}/beta", b.Beta.Value.Span, c),
             g.Initializer($"{b.Name}/moving_mean", b.MovingMean.Value.Span, c),
             g.Initializer($"{b.Name}/moving_variance", b.MovingVariance.Value.Span, c)],
            Float("epsilon", (float)b.Epsilon)), x.Layout);
    }

    private static Value Flatten(OnnxGraph g, Flatten f, Value x)
    {
        // NotebookNet flattens NHWC (channel fastest): go back to NHWC before flattening, or Dense's weights would
        // meet the values in another order.
        string input = x.Layout == Layout.Nchw ? ToNhwc(g, x, $"{f.Name}/Nhwc") : x.Name;
        return new(g.Node("Flatten", $"{f.Name}/Flatten", [input], Int("axis", 1)), Layout.Flat);
    }

    private static Value Activation(OnnxGraph g, Layer? activation, Value x) => activation switch
    {
        null => x,
        ReLU => new(g.Node("Relu", $"{activation.Name}/Relu", [x.Name]), x.Layout),
        Sigmoid => new(g.Node("Sigmoid", $"{activation.Name}/Sigmoid", [x.Name]), x.Layout),
        Tanh => new(g.Node("Tanh", $"{activation.Name}/Tanh", [x.Name]), x.Layout),
        // NotebookNet's softmax runs over the last axis: the channels of an image, which NCHW puts on axis 1.
        Softmax => new(g.Node("Softmax", $"{activation.Name}/Softmax", [x.Name], Int("axis", x.Layout == Layout.Nchw ? 1 : -1)), x.Layout),
        _ => throw new NotSupportedException($"ONNX export: activation '{activation.Name}' ({activation.TypeName}) has no ONNX translation."),
    };

    /// <summary>ONNX pads [top, left, bottom, right] of NotebookNet's rule (Same: total = max((out − 1)·s + k − n, 0),
    /// ⌊total/2⌋ before, the rest after).</summary>
    private static long[] Pads(Shape input, (int H, int W) kernel, (int H, int W) strides, Padding padding)
    {
        var (outH, top) = ConvMath.OutputSize(input[0], kernel.H, strides.H, padding);
        var (outW, left) = ConvMath.OutputSize(input[1], kernel.W, strides.W, padding);
        int totalH = Math.Max((outH - 1) * strides.H + kernel.H - input[0], 0);
        int totalW = Math.Max((outW - 1) * strides.W + kernel.W - input[1], 0);
        return padding == Padding.Valid ? [0, 0, 0, 0] : [top, left, totalH - top, totalW - left];
    }

    private static void Require(Value x, Layout layout, Layer layer)
    {
        if (x.Layout != layout)
            throw new NotSupportedException($"ONNX export: layer '{layer.Name}' ({layer.TypeName}) expects an image batch here.");
    }
}
