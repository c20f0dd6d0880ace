using NotebookNet.Compute;
using NotebookNet.Layers;
using static NotebookNet.Tests.Compute.ComputeTestData;

namespace NotebookNet.Tests.Compute;

public sealed class Conv2DFastTests
{
    // batch, height, width, channels, filters, kernel h, kernel w, stride y, stride x, padding, relu, bias
    public static IEnumerable<object[]> Convolutions =>
    [
        [1, 5, 5, 1, 4, 3, 3, 1, 1, "valid", true, true],
        [2, 7, 6, 3, 5, 3, 3, 1, 1, "same", true, true],
        [3, 7, 7, 2, 8, 3, 3, 2, 2, "same", true, false],
        [2, 9, 9, 3, 16, 3, 3, 2, 2, "valid", false, true],
        [11, 6, 5, 4, 3, 2, 2, 2, 2, "valid", true, false],     // more images than blocks, unevenly split
        [2, 5, 4, 3, 7, 1, 1, 1, 1, "valid", true, true],       // pointwise: no im2col
        [2, 6, 6, 3, 5, 1, 1, 2, 2, "same", false, true],       // 1×1 but strided: im2col after all
        [1, 13, 11, 7, 9, 3, 5, 3, 2, "same", true, true],
        [4, 28, 28, 1, 32, 3, 3, 1, 1, "valid", true, true],    // the lecture's first conv
        [3, 13, 13, 32, 64, 3, 3, 1, 1, "valid", true, true],   // its second conv
        [2, 28, 28, 1, 32, 3, 3, 2, 2, "valid", true, true],    // the strided model
        [2, 9, 8, 3, 64, 3, 3, 1, 1, "valid", true, true],      // direct kernel: 27 taps, two groups of 32 filters
        [3, 7, 9, 2, 32, 2, 2, 2, 1, "valid", false, true],     // direct kernel: 8 taps (the last group short of 3)
    ];

    public static IEnumerable<object[]> ConvolutionsOnEveryPath =>
        from c in Convolutions
        from scalar in new[] { false, true }
        select c.Append(scalar).ToArray();

    [Theory]
    [MemberData(nameof(ConvolutionsOnEveryPath))]
    public void Forward_matches_the_reference_loop(int n, int h, int w, int c, int f, int kh, int kw, int sy, int sx, string padding,
        bool relu, bool bias, bool scalar)
    {
        var g = Geometry(n, h, w, c, f, kh, kw, sy, sx, padding);
        var (x, k, b) = Operands(g, bias);
        var expected = new float[g.OutputLength];
        Conv2D.ForwardReference(x, k, b, expected, g);
        if (relu) Relu.ForwardReference(expected, expected);
        var scale = new float[g.OutputLength];
        Conv2D.ForwardReference(Abs(x), Abs(k), Abs(b), scale, g);

        var actual = Random(g.OutputLength, 9);
        Conv2DFast.Forward(x, k, b, actual, g, relu, threads: 2, scalar ? SimdPath.Scalar : FastPath);
        AssertClose(expected, actual, scale, g.PatchSize + 1, "y");
    }

    [Theory]
    [MemberData(nameof(ConvolutionsOnEveryPath))]
    public void Backward_matches_the_reference_loop(int n, int h, int w, int c, int f, int kh, int kw, int sy, int sx, string padding,
        bool relu, bool bias, bool scalar)
    {
        var g = Geometry(n, h, w, c, f, kh, kw, sy, sx, padding);
        var (x, k, _) = Operands(g, bias);
        var y = Random(g.OutputLength, 4);   // a forward output: ReLU's mask is y > 0
        var gy = Random(g.OutputLength, 5);
        var dz = relu ? gy.Select((v, i) => y[i] > 0 ? v : 0f).ToArray() : gy;
        var (dx, dk, db) = (new float[g.InputLength], new float[k.Length], new float[bias ? f : 0]);
        Conv2D.BackwardReference(x, k, dz, dx, dk, db, g);
        var (sx2, sk, sb) = (new float[g.InputLength], new float[k.Length], new float[bias ? f : 0]);
        Conv2D.BackwardReference(Abs(x), Abs(k), Abs(dz), sx2, sk, sb, g);

        var (ax, ak, ab) = (Random(g.InputLength, 6), Random(k.Length, 7), Random(bias ? f : 0, 8));
        Conv2DFast.Backward(x, k, y, gy, ax, ak, ab, new float[Conv2DFast.PartialsLength(g)], g, relu, threads: 2,
            scalar ? SimdPath.Scalar : FastPath);
        int pixels = ConvColumns.Rows(g);
        AssertClose(dk, ak, sk, pixels, "dW");
        AssertClose(db, ab, sb, pixels, "db");
        AssertClose(dx, ax, sx2, kh * kw * f, "dx");
    }

    [Theory]
    [MemberData(nameof(Convolutions))]
    public void Results_are_the_same_to_the_bit_on_one_two_or_three_threads(int n, int h, int w, int c, int f, int kh, int kw, int sy, int sx,
        string padding, bool relu, bool bias)
    {
        var g = Geometry(n, h, w, c, f, kh, kw, sy, sx, padding);
        var (x, k, b) = Operands(g, bias);
        var gy = Random(g.OutputLength, 5);
        float[][] Run(int threads)
        {
            var y = new float[g.OutputLength];
            Conv2DFast.Forward(x, k, b, y, g, relu, threads, FastPath);
            var (dx, dk, db) = (new float[g.InputLength], new float[k.Length], new float[bias ? f : 0]);
            Conv2DFast.Backward(x, k, y, gy, dx, dk, db, new float[Conv2DFast.PartialsLength(g)], g, relu, threads, FastPath);
            return [y, dx, dk, db];
        }
        var one = Run(1);
        Assert.Equal(one, Run(2));
        Assert.Equal(one, Run(3));
    }

    [Fact]
    public void Skipping_the_input_gradient_leaves_the_weight_gradients_unchanged()
    {
        var g = Geometry(5, 8, 8, 3, 6, 3, 3, 1, 1, "same");
        var (x, k, _) = Operands(g, bias: true);
        var (y, gy) = (Random(g.OutputLength, 4), Random(g.OutputLength, 5));
        var (dk1, db1, dk2, db2) = (new float[k.Length], new float[6], new float[k.Length], new float[6]);
        var partials = new float[Conv2DFast.PartialsLength(g)];
        Conv2DFast.Backward(x, k, y, gy, new float[g.InputLength], dk1, db1, partials, g, relu: true, threads: 2, FastPath);
        Conv2DFast.Backward(x, k, y, gy, default, dk2, db2, partials, g, relu: true, threads: 2, FastPath);
        Assert.Equal(dk1, dk2);
        Assert.Equal(db1, db2);
    }

    [Fact]
    public void A_kernel_of_the_wrong_size_is_rejected_with_both_sizes()
    {
        var g = Geometry(1, 5, 5, 2, 3, 3, 3, 1, 1, "valid");
        var ex = Assert.Throws<ArgumentException>(() =>
            Conv2DFast.Forward(new float[g.InputLength], new float[10], [], new float[g.OutputLength], g, false, 1, FastPath));
        Assert.Contains("kernel 54", ex.Message);
        Assert.Contains("received 50, 27, 10", ex.Message);
    }

    private static ConvGeometry Geometry(int n, int h, int w, int c, int f, int kh, int kw, int sy, int sx, string padding) =>
        ConvMath.Geometry(new Shape(h, w, c), (kh, kw), (sy, sx), padding == "same" ? Padding.Same : Padding.Valid, f) with { Batch = n };

    private static (float[] X, float[] K, float[] B) Operands(ConvGeometry g, bool bias) =>
        (Random(g.InputLength, 1), Random(g.PatchSize * g.Filters, 2), bias ? Random(g.Filters, 3) : []);
}
