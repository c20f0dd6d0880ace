using NotebookNet.Compute;
using NotebookNet.Layers;
using static NotebookNet.Tests.Compute.ComputeTestData;

namespace NotebookNet.Tests.Compute;

public sealed class DenseFastTests
{
    // batch, inputs, units, relu, bias
    public static TheoryData<int, int, int, bool, bool> Shapes => new()
    {
        { 1, 1, 1, false, true },
        { 3, 5, 7, true, true },
        { 13, 17, 10, false, false },
        { 7, 300, 33, true, false },
        { 32, 784, 128, true, true },
        { 128, 100, 10, false, true },
        { 32, 5408, 10, false, true },   // the lecture's CNN output layer: narrow, y and dW computed transposed
        { 9, 200, 7, true, true },       // narrow with a ReLU
    };

    // The same shapes on the SIMD path and on the forced scalar fallback.
    public static IEnumerable<object[]> ShapesOnEveryPath =>
        from object[] shape in Shapes
        from scalar in new[] { false, true }
        select shape.Append(scalar).ToArray();

    [Theory]
    [MemberData(nameof(ShapesOnEveryPath))]
    public void Forward_matches_the_reference_loop(int batch, int inputs, int units, bool relu, bool bias, bool scalar)
    {
        var path = scalar ? SimdPath.Scalar : FastPath;
        var (x, w, b) = Operands(batch, inputs, units, bias);
        var expected = new float[batch * units];
        Dense.ForwardReference(x, w, b, expected, batch, inputs, units);
        if (relu) Relu.ForwardReference(expected, expected);
        var scale = new float[batch * units];
        Dense.ForwardReference(Abs(x), Abs(w), Abs(b), scale, batch, inputs, units);

        var actual = new float[batch * units];
        DenseFast.Forward(x, w, b, actual, new float[DenseFast.ForwardScratchLength(batch, inputs, units)], batch, inputs, units, relu, threads: 2, path);
        AssertClose(expected, actual, scale, inputs + 1, "y");
    }

    [Theory]
    [MemberData(nameof(ShapesOnEveryPath))]
    public void Backward_matches_the_reference_loop(int batch, int inputs, int units, bool relu, bool bias, bool scalar)
    {
        var path = scalar ? SimdPath.Scalar : FastPath;
        var (x, w, b) = Operands(batch, inputs, units, bias);
        var y = Random(batch * units, 4);   // a forward output: ReLU's mask is y > 0
        var g = Random(batch * units, 5);
        // The reference gets g already masked (the ReLU layer's part), the kernel does the masking itself.
        var dz = relu ? g.Select((v, i) => y[i] > 0 ? v : 0f).ToArray() : g;
        var (dx, dw, db) = (new float[batch * inputs], new float[inputs * units], new float[bias ? units : 0]);
        Dense.BackwardReference(x, w, dz, dx, dw, db, batch, inputs, units);
        var (sx, sw, sb) = (new float[batch * inputs], new float[inputs * units], new float[bias ? units : 0]);
        Dense.BackwardReference(Abs(x), Abs(w), Abs(dz), sx, sw, sb, batch, inputs, units);

        var (ax, aw, ab) = (new float[batch * inputs], Random(inputs * units, 6), Random(bias ? units : 0, 7));
        DenseFast.Backward(x, w, y, g, new float[DenseFast.ScratchLength(batch, inputs, units, relu)], ax, aw, ab, batch, inputs, units, relu, threads: 2, path);
        AssertClose(dw, aw, sw, batch, "dW");
        AssertClose(db, ab, sb, batch, "db");
        AssertClose(dx, ax, sx, units, "dx");
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Results_are_the_same_to_the_bit_on_one_two_or_three_threads(int batch, int inputs, int units, bool relu, bool bias)
    {
        var (x, w, b) = Operands(batch, inputs, units, bias);
        var g = Random(batch * units, 5);
        float[][] Run(int threads)
        {
            var y = new float[batch * units];
            DenseFast.Forward(x, w, b, y, new float[DenseFast.ForwardScratchLength(batch, inputs, units)], batch, inputs, units, relu, threads, FastPath);
            var (dx, dw, db) = (new float[batch * inputs], new float[inputs * units], new float[bias ? units : 0]);
            DenseFast.Backward(x, w, y, g, new float[DenseFast.ScratchLength(batch, inputs, units, relu)], dx, dw, db, batch, inputs, units, relu, threads, FastPath);
            return [y, dx, dw, db];
        }
        var one = Run(1);
        Assert.Equal(one, Run(2));
        Assert.Equal(one, Run(3));
    }

    [Fact]
    public void An_empty_input_gradient_skips_it_and_still_sets_the_weight_gradients()
    {
        var (x, w, b) = Operands(4, 6, 5, bias: true);
        var y = Random(20, 4);
        var g = Random(20, 5);
        var (dw1, db1, dw2, db2) = (new float[30], new float[5], new float[30], new float[5]);
        DenseFast.Backward(x, w, y, g, new float[DenseFast.ScratchLength(4, 6, 5, true)], new float[24], dw1, db1, 4, 6, 5, relu: true, threads: 1, FastPath);
        DenseFast.Backward(x, w, y, g, new float[DenseFast.ScratchLength(4, 6, 5, true)], default, dw2, db2, 4, 6, 5, relu: true, threads: 1, FastPath);
        Assert.Equal(dw1, dw2);
        Assert.Equal(db1, db2);
    }

    private static (float[] X, float[] W, float[] B) Operands(int batch, int inputs, int units, bool bias) =>
        (Random(batch * inputs, 1), Random(inputs * units, 2), bias ? Random(units, 3) : []);
}
