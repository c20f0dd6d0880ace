using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace NotebookNet.Compute;

/// <summary>
/// Copies blocks of op(A) and op(B) into the order the micro-tile reads them, so its loads are sequential
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
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void PackA(Transpose trans, float* a, int lda, int i0, int p0, int mc, int kc, float* dst)
    {
        for (int ir = 0; ir < mc; ir += MR, dst += MR * kc)
        {
            int rows = Math.Min(MR, mc - ir);
            if (trans == Transpose.No) PackASliver(a + (long)(i0 + ir) * lda + p0, lda, rows, kc, dst);
            else PackASliverTransposed(a + (long)p0 * lda + i0 + ir, lda, rows, kc, dst);
        }
    }

    // A stored M×K: row r of the sliver is contiguous in k; write it with stride MR. With AVX a full sliver goes
    // 8 k at a time through an 8×8 register transpose (rows 6 and 7 are zeros); the 8-wide stores overlap by 2,
    // in increasing k, so each store's 2 surplus zeros are overwritten by the next (the last ones land in the
    // next 8-k block or sliver, packed later, or in the buffer's slack, see PackedASlack).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void PackASliver(float* src, int lda, int rows, int kc, float* dst)
    {
        int p = 0;
        if (rows == MR && Avx.IsSupported)
        {
            var zero = Vector256<float>.Zero;
            for (; p + 8 <= kc; p += 8)
            {
                float* s = src + p;
                Transpose8x8(Avx.LoadVector256(s), Avx.LoadVector256(s + lda), Avx.LoadVector256(s + 2L * lda),
                    Avx.LoadVector256(s + 3L * lda), Avx.LoadVector256(s + 4L * lda), Avx.LoadVector256(s + 5L * lda),
                    zero, zero, dst + p * MR, MR);
            }
        }
        for (int r = 0; r < rows; r++)
        {
            float* s = src + (long)r * lda;
            for (int q = p; q < kc; q++) dst[q * MR + r] = s[q];
        }
        for (int r = rows; r < MR; r++)
            for (int q = p; q < kc; q++) dst[q * MR + r] = 0f;
    }

    /// <summary>Floats past a packed A block that <see cref="PackASliver"/> may overwrite (its last 8-wide store).</summary>
    public const int PackedASlack = 8 - MR;

    // A stored K×M: for each k the sliver's MR values are contiguous.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void PackBSliver(float* src, int ldb, int cols, int kc, float* dst)
    {
        if (cols == NR && Vector256.IsHardwareAccelerated)
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

    // B stored N×K: column j of the sliver is row j of B, contiguous in k. With AVX, 8 k × 8 j blocks are
    // transposed in registers (the input gradient dOut·Wᵀ packs all of W this way on every call).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void PackBSliverTransposed(float* src, int ldb, int cols, int kc, float* dst)
    {
        int p = 0;
        if (cols == NR && Avx.IsSupported)
        {
            for (; p + 8 <= kc; p += 8)
            {
                TransposeRows(src + p, ldb, dst + p * NR);
                TransposeRows(src + 8L * ldb + p, ldb, dst + p * NR + 8);
            }
        }
        for (int j = 0; j < cols; j++)
        {
            float* s = src + (long)j * ldb;
            for (int q = p; q < kc; q++) dst[q * NR + j] = s[q];
        }
        for (int j = cols; j < NR; j++)
            for (int q = p; q < kc; q++) dst[q * NR + j] = 0f;
    }

    // dst[k·NR + j] = src[j·lds + k] for j, k < 8.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void TransposeRows(float* src, long lds, float* dst) =>
        Transpose8x8(Avx.LoadVector256(src), Avx.LoadVector256(src + lds), Avx.LoadVector256(src + 2 * lds), Avx.LoadVector256(src + 3 * lds),
            Avx.LoadVector256(src + 4 * lds), Avx.LoadVector256(src + 5 * lds), Avx.LoadVector256(src + 6 * lds), Avx.LoadVector256(src + 7 * lds),
            dst, NR);

    // The 8×8 block whose rows are r0..r7 is stored transposed: dst[k·ldd + j] = rj[k]. Unpack pairs, shuffle
    // quads, swap 128-bit halves; stores go in increasing k.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Transpose8x8(Vector256<float> r0, Vector256<float> r1, Vector256<float> r2, Vector256<float> r3,
        Vector256<float> r4, Vector256<float> r5, Vector256<float> r6, Vector256<float> r7, float* dst, int ldd)
    {
        var t0 = Avx.UnpackLow(r0, r1);
        var t1 = Avx.UnpackHigh(r0, r1);
        var t2 = Avx.UnpackLow(r2, r3);
        var t3 = Avx.UnpackHigh(r2, r3);
        var t4 = Avx.UnpackLow(r4, r5);
        var t5 = Avx.UnpackHigh(r4, r5);
        var t6 = Avx.UnpackLow(r6, r7);
        var t7 = Avx.UnpackHigh(r6, r7);
        var s0 = Avx.Shuffle(t0, t2, 0x44);
        var s1 = Avx.Shuffle(t0, t2, 0xEE);
        var s2 = Avx.Shuffle(t1, t3, 0x44);
        var s3 = Avx.Shuffle(t1, t3, 0xEE);
        var s4 = Avx.Shuffle(t4, t6, 0x44);
        var s5 = Avx.Shuffle(t4, t6, 0xEE);
        var s6 = Avx.Shuffle(t5, t7, 0x44);
        var s7 = Avx.Shuffle(t5, t7, 0xEE);
        Avx.Store(dst, Avx.Permute2x128(s0, s4, 0x20));
        Avx.Store(dst + ldd, Avx.Permute2x128(s1, s5, 0x20));
        Avx.Store(dst + 2 * ldd, Avx.Permute2x128(s2, s6, 0x20));
        Avx.Store(dst + 3 * ldd, Avx.Permute2x128(s3, s7, 0x20));
        Avx.Store(dst + 4 * ldd, Avx.Permute2x128(s0, s4, 0x31));
        Avx.Store(dst + 5 * ldd, Avx.Permute2x128(s1, s5, 0x31));
        Avx.Store(dst + 6 * ldd, Avx.Permute2x128(s2, s6, 0x31));
        Avx.Store(dst + 7 * ldd, Avx.Permute2x128(s3, s7, 0x31));
    }
}
