using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace NotebookNet.Compute;

/// <summary>
/// The MR×NR = 6×16 register tile: C[6×16] = α·(Ap·Bp) + β·C over one packed KC slice.
/// <para>Why 6×16 on AVX2: each k step loads 2 vectors of B, broadcasts 6 values of A and issues 12 FMAs
/// (12 accumulators + 2 + 1 = 15 of the 16 ymm registers). 12 independent FMA chains cover the FMA latency
/// (4 cycles) on two FMA ports (8 in flight needed), and 12 FMAs per 8 loads keep the loads off the critical path.</para>
/// <para>Determinism: every element of the tile is a chain of FMAs over k in order, starting from zero, then
/// written back with the same α/β expression on full and edge tiles. Nothing depends on where the tile sits,
/// so the result of a GEMM does not depend on the thread count or the partition.</para>
/// </summary>
internal static unsafe partial class GemmMicroTile
{
    private const int MR = GemmBlocking.MR;
    private const int NR = GemmBlocking.NR;

    /// <summary>AVX2+FMA tile. <paramref name="rows"/>/<paramref name="cols"/> &lt; MR/NR mark an edge tile
    /// (only the valid part of C is touched). <paramref name="edge"/> is unused here (same signature as <see cref="Scalar"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Fma256(int kc, float* a, float* b, float* c, int ldc, int rows, int cols, float alpha, float beta, float* edge)
    {
        Vector256<float> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default;
        Vector256<float> c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;
        // Two k steps per trip halve the loop overhead (counter, pointer bumps, branch) per FMA.
        int p = 0;
        for (; p + 2 <= kc; p += 2, a += 2 * MR, b += 2 * NR)
        {
            Step(a, b, ref c00, ref c01, ref c10, ref c11, ref c20, ref c21, ref c30, ref c31, ref c40, ref c41, ref c50, ref c51);
            Step(a + MR, b + NR, ref c00, ref c01, ref c10, ref c11, ref c20, ref c21, ref c30, ref c31, ref c40, ref c41, ref c50, ref c51);
        }
        if (p < kc)
            Step(a, b, ref c00, ref c01, ref c10, ref c11, ref c20, ref c21, ref c30, ref c31, ref c40, ref c41, ref c50, ref c51);

        var va = Vector256.Create(alpha);
        var vb = Vector256.Create(beta);
        if (rows == MR && cols == NR)
        {
            StoreRow(c, c00, c01, va, vb, beta);
            StoreRow(c + ldc, c10, c11, va, vb, beta);
            StoreRow(c + 2 * ldc, c20, c21, va, vb, beta);
            StoreRow(c + 3 * ldc, c30, c31, va, vb, beta);
            StoreRow(c + 4 * ldc, c40, c41, va, vb, beta);
            StoreRow(c + 5 * ldc, c50, c51, va, vb, beta);
            return;
        }
        // Edge tile: the same arithmetic, stored through lane masks (masked-off lanes are neither read nor written).
        var lane = Vector256.Create(0, 1, 2, 3, 4, 5, 6, 7);
        var mask0 = Vector256.LessThan(lane, Vector256.Create(cols)).AsSingle();
        var mask1 = Vector256.LessThan(lane, Vector256.Create(cols - 8)).AsSingle();
        StoreRowMasked(c, c00, c01, va, vb, beta, mask0, mask1);
        if (rows > 1) StoreRowMasked(c + ldc, c10, c11, va, vb, beta, mask0, mask1);
        if (rows > 2) StoreRowMasked(c + 2 * ldc, c20, c21, va, vb, beta, mask0, mask1);
        if (rows > 3) StoreRowMasked(c + 3 * ldc, c30, c31, va, vb, beta, mask0, mask1);
        if (rows > 4) StoreRowMasked(c + 4 * ldc, c40, c41, va, vb, beta, mask0, mask1);
        if (rows > 5) StoreRowMasked(c + 5 * ldc, c50, c51, va, vb, beta, mask0, mask1);
    }

    // One k step: c_i += a[i]·b[0..16) for the 6 rows.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Step(float* a, float* b,
        ref Vector256<float> c00, ref Vector256<float> c01, ref Vector256<float> c10, ref Vector256<float> c11,
        ref Vector256<float> c20, ref Vector256<float> c21, ref Vector256<float> c30, ref Vector256<float> c31,
        ref Vector256<float> c40, ref Vector256<float> c41, ref Vector256<float> c50, ref Vector256<float> c51)
    {
        var b0 = Avx.LoadAlignedVector256(b);
        var b1 = Avx.LoadAlignedVector256(b + 8);
        var ai = Vector256.Create(a[0]);
        c00 = Fma.MultiplyAdd(ai, b0, c00); c01 = Fma.MultiplyAdd(ai, b1, c01);
        ai = Vector256.Create(a[1]);
        c10 = Fma.MultiplyAdd(ai, b0, c10); c11 = Fma.MultiplyAdd(ai, b1, c11);
        ai = Vector256.Create(a[2]);
        c20 = Fma.MultiplyAdd(ai, b0, c20); c21 = Fma.MultiplyAdd(ai, b1, c21);
        ai = Vector256.Create(a[3]);
        c30 = Fma.MultiplyAdd(ai, b0, c30); c31 = Fma.MultiplyAdd(ai, b1, c31);
        ai = Vector256.Create(a[4]);
        c40 = Fma.MultiplyAdd(ai, b0, c40); c41 = Fma.MultiplyAdd(ai, b1, c41);
        ai = Vector256.Create(a[5]);
        c50 = Fma.MultiplyAdd(ai, b0, c50); c51 = Fma.MultiplyAdd(ai, b1, c51);
    }

    // β = 0 must not read C (it may hold NaN garbage, as BLAS allows). c = (α·acc) + (β·c) with separate
    // multiply and add, the same expression in full and edge tiles.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreRow(float* dst, Vector256<float> lo, Vector256<float> hi, Vector256<float> va, Vector256<float> vb, float beta)
    {
        lo = Avx.Multiply(va, lo);
        hi = Avx.Multiply(va, hi);
        if (beta != 0f)
        {
            lo = Avx.Add(lo, Avx.Multiply(vb, Avx.LoadVector256(dst)));
            hi = Avx.Add(hi, Avx.Multiply(vb, Avx.LoadVector256(dst + 8)));
        }
        Avx.Store(dst, lo);
        Avx.Store(dst + 8, hi);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreRowMasked(float* dst, Vector256<float> lo, Vector256<float> hi, Vector256<float> va, Vector256<float> vb, float beta,
        Vector256<float> mask0, Vector256<float> mask1)
    {
        lo = Avx.Multiply(va, lo);
        hi = Avx.Multiply(va, hi);
        if (beta != 0f)
        {
            lo = Avx.Add(lo, Avx.Multiply(vb, Avx.MaskLoad(dst, mask0)));
            hi = Avx.Add(hi, Avx.Multiply(vb, Avx.MaskLoad(dst + 8, mask1)));
        }
        Avx.MaskStore(dst, mask0, lo);
        Avx.MaskStore(dst + 8, mask1, hi);
    }

    /// <summary>Scalar tile with the same interface (the fallback). Accumulates with separate multiply and add.
    /// The 6×16 tile is done as 12 blocks of 2 rows × 4 columns, whose 8 accumulators stay in registers over
    /// the whole k loop (a 96-value tile would live in memory: a load and a store per multiply-add).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Scalar(int kc, float* a, float* b, float* c, int ldc, int rows, int cols, float alpha, float beta, float* edge)
    {
        for (int i = 0; i < MR; i += 2)
        {
            for (int j = 0; j < NR; j += 4)
            {
                float c00 = 0f, c01 = 0f, c02 = 0f, c03 = 0f, c10 = 0f, c11 = 0f, c12 = 0f, c13 = 0f;
                float* ap = a + i, bp = b + j;
                for (int p = 0; p < kc; p++, ap += MR, bp += NR)
                {
                    float a0 = ap[0], a1 = ap[1], b0 = bp[0], b1 = bp[1], b2 = bp[2], b3 = bp[3];
                    c00 += a0 * b0; c01 += a0 * b1; c02 += a0 * b2; c03 += a0 * b3;
                    c10 += a1 * b0; c11 += a1 * b1; c12 += a1 * b2; c13 += a1 * b3;
                }
                float* t = edge + i * NR + j;
                t[0] = c00; t[1] = c01; t[2] = c02; t[3] = c03;
                t[NR] = c10; t[NR + 1] = c11; t[NR + 2] = c12; t[NR + 3] = c13;
            }
        }
        WriteEdge(edge, c, ldc, rows, cols, alpha, beta);
    }

    // c = α·t + β·c for the valid part of a tile; the same expression as StoreRow, element by element.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void WriteEdge(float* tile, float* c, int ldc, int rows, int cols, float alpha, float beta)
    {
        for (int i = 0; i < rows; i++)
        {
            float* t = tile + i * NR;
            float* ci = c + (long)i * ldc;
            if (beta == 0f)
                for (int j = 0; j < cols; j++) ci[j] = alpha * t[j];
            else
                for (int j = 0; j < cols; j++) ci[j] = alpha * t[j] + beta * ci[j];
        }
    }
}
