using NotebookNet.Compute;
using NotebookNet.Layers;
using static NotebookNet.Tests.Compute.ComputeTestData;

namespace NotebookNet.Tests.Compute;

public sealed class ActivationFastTests
{
    [Theory]
    [InlineData(1, false)]
    [InlineData(37, false)]
    [InlineData(100_003, false)]   // long enough to be split over threads
    [InlineData(37, true)]
    public void Relu_forward_and_backward_equal_the_reference_to_the_bit(int length, bool scalar)
    {
        var x = Special(Random(length, 1));
        var g = Random(length, 2);
        var (expectedY, expectedDx) = (new float[length], new float[length]);
        Relu.ForwardReference(x, expectedY);
        Relu.BackwardReference(expectedY, g, expectedDx);
        var (y, dx) = (new float[length], new float[length]);
        ActivationFast.Relu(x, y, threads: 2, scalar ? SimdPath.Scalar : FastPath);
        ActivationFast.ReluBackward(g, y, dx, threads: 2, scalar ? SimdPath.Scalar : FastPath);
        Assert.Equal(expectedY, y);
        Assert.Equal(expectedDx, dx);
        // x > 0 ? x : 0 turns −0 and NaN into +0, in the vector loop as in the scalar one.
        Assert.All(y, v => Assert.False(float.IsNaN(v) || float.IsNegative(v)));
    }

    [Theory]
    [InlineData(5, 3, false)]
    [InlineData(300, 32, false)]
    [InlineData(2000, 37, false)]
    [InlineData(300, 32, true)]
    public void Mask_and_bias_gradient_equal_the_reference_sums_to_the_bit(int rows, int cols, bool scalar)
    {
        var y = Special(Random(rows * cols, 3));
        var g = Random(rows * cols, 4);
        var expectedDz = new float[rows * cols];
        Relu.BackwardReference(y, g, expectedDz);
        var expectedDb = new float[cols];
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < cols; c++) expectedDb[c] += expectedDz[r * cols + c];   // Dense's bias loop: rows in order

        var (dz, db) = (new float[rows * cols], Random(cols, 5));
        unsafe
        {
            fixed (float* pg = g, py = y, pdz = dz, pdb = db)
                ActivationFast.ReluBackwardAndBiasGradient(pg, py, pdz, pdb, rows, cols, relu: true, threads: 2,
                    scalar ? SimdPath.Scalar : FastPath);
        }
        Assert.Equal(expectedDz, dz);
        Assert.Equal(expectedDb, db);
    }

    [Fact]
    public void Bias_and_relu_epilogue_adds_the_bias_then_clips()
    {
        float[] y = [-1f, 0.5f, 2f, -3f, 0f, 1f, 4f, -0.25f, 7f];   // 3 rows × 3 columns
        float[] bias = [0.5f, -1f, 1f];
        unsafe
        {
            fixed (float* py = y, pb = bias)
                ActivationFast.BiasActivation(py, 3, 3, pb, relu: true, FastPath);
        }
        Assert.Equal([0f, 0f, 3f, 0f, 0f, 2f, 4.5f, 0f, 8f], y);
    }

    // A few −0, NaN, ±∞ and exact zeros among the random values.
    private static float[] Special(float[] values)
    {
        float[] special = [-0f, 0f, float.NaN, float.PositiveInfinity, float.NegativeInfinity, float.Epsilon, -float.Epsilon];
        for (int i = 0; i < values.Length; i += 5) values[i] = special[i / 5 % special.Length];
        return values;
    }
}
