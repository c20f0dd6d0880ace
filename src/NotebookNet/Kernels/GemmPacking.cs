using System.Runtime.Intrinsics;

namespace NotebookNet.Kernels;

/// <summary>
/// Copies blocks of op(A) and op(B) into the order the micro-kernel reads them, so its loads are sequential
/// whatever the operand's layout or transposition:
/// <list type="bullet">
/// <item>A block (mc×kc) → slivers of MR rows; in a sliver, for each k the MR values op(A)[i..i+MR, k].</item>
/// <item>B panel (kc×nc) → slivers of NR columns; in a sliver, for each k the NR values op(B)[k, j..j+NR].</item>
/// </list>
/// Rows/columns past the matrix edge are packed as zeros, so an edge tile runs the same arithmetic as a full one.
/// </summary>
internal static unsafe class GemmPacking
{
    private const int MR = GemmBlocking.MR;
    private const int NR = GemmBlocking.NR;

    /// <summary>Packs op(A)[i0..i0+mc, p0..p0+kc]; op(A) = A (row-major, lda) or Aᵀ.</summary>
    public static void PackA(Transpose trans, float* a, int lda, int i0, int p0, int mc, int kc, float* dst)
    {
        for (int ir = 0; ir < mc; ir += MR, dst += MR * kc)
        {
            int rows = Math.Min(MR, mc - ir);
            if (trans == Transpose.No) PackASliver(a + (long)(i0 + ir) * lda + p0, lda, rows, kc, dst);
            else PackASliverTransposed(a + (long)p0 * lda + i0 + ir, lda, rows, kc, dst);
        }
    }

    // A stored M×K: row r of the sliver is contiguous in k; write it with stride MR.
    private static void PackASliver(float* src, int lda, int rows, int kc, float* dst)
    {
        for (int r = 0; r < rows; r++)
        {
            float* s = src + (long)r * lda;
            for (int p = 0; p < kc; p++) dst[p * MR + r] = s[p];
        }
        for (int r = rows; r < MR; r++)
            for (int p = 0; p < kc; p++) dst[p * MR + r] = 0f;
    }

    // A stored K×M: for each k the sliver's MR values are contiguous.
    private static void PackASliverTransposed(float* src, int lda, int rows, int kc, float* dst)
    {
        for (int p = 0; p < kc; p++, src += lda, dst += MR)
        {
            int r = 0;
            for (; r < rows; r++) dst[r] = src[r];
            for (; r < MR; r++) dst[r] = 0f;
        }
    }

    /// <summary>Packs op(B)[p0..p0+kc, j0..j0+nc]; op(B) = B (row-major, ldb) or Bᵀ.</summary>
    public static void PackB(Transpose trans, float* b, int ldb, int p0, int j0, int kc, int nc, float* dst)
    {
        for (int jr = 0; jr < nc; jr += NR, dst += NR * kc)
        {
            int cols = Math.Min(NR, nc - jr);
            if (trans == Transpose.No) PackBSliver(b + (long)p0 * ldb + j0 + jr, ldb, cols, kc, dst);
            else PackBSliverTransposed(b + (long)(j0 + jr) * ldb + p0, ldb, cols, kc, dst);
        }
    }

    // B stored K×N: for each k the sliver's NR values are contiguous (two vector copies when full).
    private static void PackBSliver(float* src, int ldb, int cols, int kc, float* dst)
    {
        if (cols == NR)
        {
            for (int p = 0; p < kc; p++, src += ldb, dst += NR)
            {
                Vector256.Store(Vector256.Load(src), dst);
                Vector256.Store(Vector256.Load(src + 8), dst + 8);
            }
            return;
        }
        for (int p = 0; p < kc; p++, src += ldb, dst += NR)
        {
            int j = 0;
            for (; j < cols; j++) dst[j] = src[j];
            for (; j < NR; j++) dst[j] = 0f;
        }
    }

    // B stored N×K: column j of the sliver is contiguous in k; write it with stride NR.
    private static void PackBSliverTransposed(float* src, int ldb, int cols, int kc, float* dst)
    {
        for (int j = 0; j < cols; j++)
        {
            float* s = src + (long)j * ldb;
            for (int p = 0; p < kc; p++) dst[p * NR + j] = s[p];
        }
        for (int j = cols; j < NR; j++)
            for (int p = 0; p < kc; p++) dst[p * NR + j] = 0f;
    }
}
