using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace NotebookNet.Kernels;

/// <summary>
/// The MR×NR = 6×16 register tile: C[6×16] = α·(Ap·Bp) + β·C over one packed KC slice.
/// <para>Why 6×16 on AVX2: each k step loads 2 vectors of B, broadcasts 6 values of A and issues 12 FMAs
/// (12 accumulators + 2 + 1 = 15 of the 16 ymm registers). 12 independent FMA chains cover the FMA latency
/// (4 cycles) on two FMA ports (8 in flight needed), and 12 FMAs per 8 loads keep the loads off the critical path.</para>
/// <para>Determinism: every element of the tile is a chain of FMAs over k in order, starting from zero, then
/// written back with the same α/β expression on full and edge tiles. Nothing depends on where the tile sits,
/// so the result of a GEMM does not depend on the thread count or the partition.</para>
/// </summary>
internal static unsafe class GemmMicroKernel
{
    private const int MR = GemmBlocking.MR;
    private const int NR = GemmBlocking.NR;

    /// <summary>AVX2+FMA tile. <paramref name="rows"/>/<paramref name="cols"/> &lt; MR/NR mark an edge tile,
    /// parked in <paramref name="edge"/> and copied element by element.</summary>
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

        bool full = rows == MR && cols == NR;
        float* dst = full ? c : edge;
        int ld = full ? ldc : NR;
        float betaHere = full ? beta : 0f;
        var va = Vector256.Create(alpha);
        var vb = Vector256.Create(betaHere);
        StoreRow(dst, c00, c01, va, vb, betaHere);
        StoreRow(dst + ld, c10, c11, va, vb, betaHere);
        StoreRow(dst + 2 * ld, c20, c21, va, vb, betaHere);
        StoreRow(dst + 3 * ld, c30, c31, va, vb, betaHere);
        StoreRow(dst + 4 * ld, c40, c41, va, vb, betaHere);
        StoreRow(dst + 5 * ld, c50, c51, va, vb, betaHere);
        if (!full) WriteEdge(edge, c, ldc, rows, cols, 1f, beta);
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

    // β = 0 must not read C (it may hold NaN garbage, as BLAS allows). Multiply then add, not FMA, so that a
    // full tile rounds exactly like the scalar edge copy below.
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

    /// <summary>Scalar tile with the same interface (the fallback). Accumulates with separate multiply and add.</summary>
    public static void Scalar(int kc, float* a, float* b, float* c, int ldc, int rows, int cols, float alpha, float beta, float* edge)
    {
        new Span<float>(edge, MR * NR).Clear();
        for (int p = 0; p < kc; p++, a += MR, b += NR)
        {
            for (int i = 0; i < MR; i++)
            {
                float ai = a[i];
                float* row = edge + i * NR;
                for (int j = 0; j < NR; j++) row[j] += ai * b[j];
            }
        }
        WriteEdge(edge, c, ldc, rows, cols, alpha, beta);
    }

    // c = α·t + β·c for the valid part of a tile; the same expression as StoreRow, element by element.
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
