using NotebookNet.Compute;
using static NotebookNet.Tests.Compute.ComputeTestData;

namespace NotebookNet.Tests.Compute;

public sealed unsafe class GemmPackingTests
{
    private const int MR = GemmBlocking.MR, NR = GemmBlocking.NR;
    private const float Guard = -12345f;

    [Theory]
    [InlineData(6, 8, false)]
    [InlineData(12, 256, false)]
    [InlineData(13, 17, false)]
    [InlineData(7, 3, true)]
    [InlineData(12, 40, true)]
    public void Packed_a_holds_slivers_of_mr_rows_k_by_k_with_zero_rows_past_the_edge(int mc, int kc, bool transposed)
    {
        int m = mc + 2, k = kc + 3, i0 = 1, p0 = 2;
        int lda = transposed ? m + 1 : k + 1;
        var a = Random((transposed ? k : m) * lda, 1);
        int slivers = (mc + MR - 1) / MR, packed = slivers * MR * kc;
        var dst = Enumerable.Repeat(Guard, packed + GemmPacking.PackedASlack + 8).ToArray();
        fixed (float* pa = a)
        fixed (float* pd = dst)
            GemmPacking.PackA(transposed ? Transpose.Yes : Transpose.No, pa, lda, i0, p0, mc, kc, pd);

        for (int s = 0; s < slivers; s++)
            for (int p = 0; p < kc; p++)
                for (int r = 0; r < MR; r++)
                {
                    int i = s * MR + r;
                    float expected = i >= mc ? 0f : transposed ? a[(p0 + p) * lda + i0 + i] : a[(i0 + i) * lda + p0 + p];
                    Assert.Equal(expected, dst[s * MR * kc + p * MR + r]);
                }
        // The vector path may write up to PackedASlack floats past the block, never further.
        Assert.All(dst[(packed + GemmPacking.PackedASlack)..], v => Assert.Equal(Guard, v));
    }

    [Theory]
    [InlineData(16, 8, false)]
    [InlineData(33, 17, false)]
    [InlineData(16, 24, true)]
    [InlineData(35, 19, true)]
    public void Packed_b_holds_slivers_of_nr_columns_k_by_k_with_zero_columns_past_the_edge(int nc, int kc, bool transposed)
    {
        int n = nc + 3, k = kc + 2, p0 = 1, j0 = 2;
        int ldb = transposed ? k + 1 : n + 1;
        var b = Random((transposed ? n : k) * ldb, 2);
        int slivers = (nc + NR - 1) / NR, packed = slivers * NR * kc;
        var dst = Enumerable.Repeat(Guard, packed + 8).ToArray();
        fixed (float* pb = b)
        fixed (float* pd = dst)
            GemmPacking.PackB(transposed ? Transpose.Yes : Transpose.No, pb, ldb, p0, j0, kc, nc, pd);

        for (int s = 0; s < slivers; s++)
            for (int p = 0; p < kc; p++)
                for (int c = 0; c < NR; c++)
                {
                    int j = s * NR + c;
                    float expected = j >= nc ? 0f : transposed ? b[(j0 + j) * ldb + p0 + p] : b[(p0 + p) * ldb + j0 + j];
                    Assert.Equal(expected, dst[s * NR * kc + p * NR + c]);
                }
        Assert.All(dst[packed..], v => Assert.Equal(Guard, v));
    }
}
