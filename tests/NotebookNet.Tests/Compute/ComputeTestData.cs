using NotebookNet.Compute;
using NotebookNet.Layers;

namespace NotebookNet.Tests.Compute;

/// <summary>Random operands and the error bound the GEMM tests compare against.</summary>
internal static class ComputeTestData
{
    public static float[] Random(int length, int seed)
    {
        var rng = new Random(seed);
        var data = new float[length];
        for (int i = 0; i < data.Length; i++) data[i] = (float)(rng.NextDouble() * 2 - 1);
        return data;
    }

    /// <summary>A ReLU layer, for its reference loops (ForwardReference/BackwardReference on spans).</summary>
    public static readonly ReLU Relu = new();

    /// <summary>The path the fast tests exercise: SIMD where the CPU has it (else the fallback is all there is).</summary>
    public static SimdPath FastPath => ComputeSettings.SimdAvailable ? SimdPath.Fma256 : SimdPath.Scalar;

    /// <summary>
    /// Asserts |actual − expected| ≤ 2·(k+2)·ε·scale element by element, where scale = |α|·|op(A)|·|op(B)| + |β|·|C₀|.
    /// Each of two float computations of a k-term dot product is within (k+2)·ε·scale of the exact value whatever
    /// its summation order, so this bound never fails a correct kernel, while a wrong, missing or doubled term
    /// (about scale/k) exceeds it by orders of magnitude.
    /// </summary>
    public static void AssertClose(float[] expected, float[] actual, float[] scale, int k, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        double bound = 2.0 * (k + 2) * Math.Pow(2, -24);
        for (int i = 0; i < expected.Length; i++)
        {
            double diff = Math.Abs((double)expected[i] - actual[i]);
            if (!(diff <= bound * scale[i] + 1e-30))
                Assert.Fail($"{what}: element {i} is {actual[i]}, reference {expected[i]} (|diff| {diff:g3} > bound {bound * scale[i]:g3}).");
        }
    }

    public static float[] Abs(float[] values) => values.Select(Math.Abs).ToArray();
}
