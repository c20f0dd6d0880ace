using NotebookNet.Compute;
using NotebookNet.Layers;
using static NotebookNet.Tests.Compute.ComputeTestData;

namespace NotebookNet.Tests.Compute;

public sealed class MaxPoolFastTests
{
    // batch, height, width, channels, pool, stride, padding
    public static TheoryData<int, int, int, int, int, int, string> Pools => new()
    {
        { 2, 4, 4, 3, 2, 2, "valid" },
        { 3, 26, 26, 32, 2, 2, "valid" },    // the lecture's first pooling
        { 2, 11, 11, 64, 2, 2, "valid" },    // its second (odd size: the last row and column are dropped)
        { 2, 7, 7, 13, 2, 2, "same" },       // 8 channels in a vector, 5 in the scalar tail; padded windows
        { 1, 5, 5, 9, 3, 2, "valid" },       // overlapping windows
        { 2, 6, 5, 8, 3, 1, "same" },
        { 9, 3, 3, 1, 3, 3, "same" },
    };

    public static IEnumerable<object[]> PoolsOnEveryPath =>
        from object[] p in Pools
        from scalar in new[] { false, true }
        select p.Append(scalar).ToArray();

    [Theory]
    [MemberData(nameof(PoolsOnEveryPath))]
    public void Forward_picks_the_same_winners_as_the_reference_ties_included(int n, int h, int w, int c, int pool, int stride, string padding, bool scalar)
    {
        var g = Geometry(n, h, w, c, pool, stride, padding);
        var x = WithTies(g.InputLength);
        var (expected, expectedArg) = (new float[g.OutputLength], new int[g.OutputLength]);
        MaxPooling2D.ForwardReference(x, expected, expectedArg, g);
        foreach (int threads in new[] { 1, 2 })
        {
            var (actual, actualArg) = (Random(g.OutputLength, 2), new int[g.OutputLength]);
            MaxPoolFast.Forward(x, actual, actualArg, g, threads, scalar ? SimdPath.Scalar : FastPath);
            Assert.Equal(expectedArg, actualArg);
            Assert.Equal(expected, actual);
        }
    }

    [Theory]
    [MemberData(nameof(PoolsOnEveryPath))]
    public void Backward_routes_each_gradient_to_its_winner_like_the_reference(int n, int h, int w, int c, int pool, int stride, string padding, bool scalar)
    {
        var g = Geometry(n, h, w, c, pool, stride, padding);
        var x = WithTies(g.InputLength);
        var (y, arg) = (new float[g.OutputLength], new int[g.OutputLength]);
        MaxPooling2D.ForwardReference(x, y, arg, g);
        var gy = Random(g.OutputLength, 3);
        gy[0] = -0f;   // 0 + (−0) = +0 in the reference: the fast path must give the same bits
        var expected = Random(g.InputLength, 4);
        MaxPooling2D.BackwardReference(gy, arg, expected);
        foreach (int threads in new[] { 1, 2 })
        {
            var actual = Random(g.InputLength, 5);
            MaxPoolFast.Backward(gy, arg, actual, g, threads, scalar ? SimdPath.Scalar : FastPath);
            Assert.Equal(Bits(expected), Bits(actual));   // the same sums to the bit (−0 and +0 told apart)
        }
    }

    [Fact]
    public void A_nan_never_wins_a_window_as_in_the_reference()
    {
        var g = Geometry(1, 2, 2, 8, 2, 2, "valid");
        var x = Random(g.InputLength, 6);
        for (int ch = 0; ch < 8; ch++) x[ch] = float.NaN;   // the first pixel of the window, all channels
        var (expected, expectedArg, actual, actualArg) = (new float[8], new int[8], new float[8], new int[8]);
        MaxPooling2D.ForwardReference(x, expected, expectedArg, g);
        MaxPoolFast.Forward(x, actual, actualArg, g, 1, FastPath);
        Assert.Equal(expectedArg, actualArg);
        Assert.Equal(expected, actual);
    }

    // Values from {−1, 0, 1}: most windows hold a tie, and the first maximum must win in both implementations.
    private static float[] WithTies(int length)
    {
        var random = new System.Random(1);
        return Enumerable.Range(0, length).Select(_ => (float)random.Next(-1, 2)).ToArray();
    }

    private static int[] Bits(float[] values) => values.Select(BitConverter.SingleToInt32Bits).ToArray();

    private static ConvGeometry Geometry(int n, int h, int w, int c, int pool, int stride, string padding) =>
        ConvMath.Geometry(new Shape(h, w, c), (pool, pool), (stride, stride), padding == "same" ? Padding.Same : Padding.Valid, c) with { Batch = n };
}
