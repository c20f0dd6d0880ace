using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace NotebookNet.Compute;

internal static unsafe partial class GemmMicroTile
{
    /// <summary>
    /// The same 6×16 tile on 128-bit vectors with the cross-platform FusedMultiplyAdd: the path for CPUs with
    /// 128-bit FMA but no AVX2, chiefly ARM64 (NEON fmla; 6 rows × 4 vectors = 24 accumulators + 4 B vectors +
    /// 1 broadcast fit its 32 registers). Each lane runs the same FMA chain and write-back as <see cref="Fma256"/>,
    /// so both paths give bit-identical results. Edge tiles go through <paramref name="edge"/> (no portable masked store).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Fma128(int kc, float* a, float* b, float* c, int ldc, int rows, int cols, float alpha, float beta, float* edge)
    {
        Vector128<float> c00 = default, c01 = default, c02 = default, c03 = default;
        Vector128<float> c10 = default, c11 = default, c12 = default, c13 = default;
        Vector128<float> c20 = default, c21 = default, c22 = default, c23 = default;
        Vector128<float> c30 = default, c31 = default, c32 = default, c33 = default;
        Vector128<float> c40 = default, c41 = default, c42 = default, c43 = default;
        Vector128<float> c50 = default, c51 = default, c52 = default, c53 = default;
        for (int p = 0; p < kc; p++, a += MR, b += NR)
        {
            var b0 = Vector128.Load(b);
            var b1 = Vector128.Load(b + 4);
            var b2 = Vector128.Load(b + 8);
            var b3 = Vector128.Load(b + 12);
            var ai = Vector128.Create(a[0]);
            c00 = Vector128.FusedMultiplyAdd(ai, b0, c00); c01 = Vector128.FusedMultiplyAdd(ai, b1, c01); c02 = Vector128.FusedMultiplyAdd(ai, b2, c02); c03 = Vector128.FusedMultiplyAdd(ai, b3, c03);
            ai = Vector128.Create(a[1]);
            c10 = Vector128.FusedMultiplyAdd(ai, b0, c10); c11 = Vector128.FusedMultiplyAdd(ai, b1, c11); c12 = Vector128.FusedMultiplyAdd(ai, b2, c12); c13 = Vector128.FusedMultiplyAdd(ai, b3, c13);
            ai = Vector128.Create(a[2]);
            c20 = Vector128.FusedMultiplyAdd(ai, b0, c20); c21 = Vector128.FusedMultiplyAdd(ai, b1, c21); c22 = Vector128.FusedMultiplyAdd(ai, b2, c22); c23 = Vector128.FusedMultiplyAdd(ai, b3, c23);
            ai = Vector128.Create(a[3]);
            c30 = Vector128.FusedMultiplyAdd(ai, b0, c30); c31 = Vector128.FusedMultiplyAdd(ai, b1, c31); c32 = Vector128.FusedMultiplyAdd(ai, b2, c32); c33 = Vector128.FusedMultiplyAdd(ai, b3, c33);
            ai = Vector128.Create(a[4]);
            c40 = Vector128.FusedMultiplyAdd(ai, b0, c40); c41 = Vector128.FusedMultiplyAdd(ai, b1, c41); c42 = Vector128.FusedMultiplyAdd(ai, b2, c42); c43 = Vector128.FusedMultiplyAdd(ai, b3, c43);
            ai = Vector128.Create(a[5]);
            c50 = Vector128.FusedMultiplyAdd(ai, b0, c50); c51 = Vector128.FusedMultiplyAdd(ai, b1, c51); c52 = Vector128.FusedMultiplyAdd(ai, b2, c52); c53 = Vector128.FusedMultiplyAdd(ai, b3, c53);
        }

        // An edge tile is parked as α·acc and finished by WriteEdge as 1·(α·acc) + β·c: the same rounding.
        bool full = rows == MR && cols == NR;
        float* dst = full ? c : edge;
        int ld = full ? ldc : NR;
        float betaHere = full ? beta : 0f;
        var va = Vector128.Create(alpha);
        var vb = Vector128.Create(betaHere);
        StoreRow128(dst, c00, c01, c02, c03, va, vb, betaHere);
        StoreRow128(dst + 1 * ld, c10, c11, c12, c13, va, vb, betaHere);
        StoreRow128(dst + 2 * ld, c20, c21, c22, c23, va, vb, betaHere);
        StoreRow128(dst + 3 * ld, c30, c31, c32, c33, va, vb, betaHere);
        StoreRow128(dst + 4 * ld, c40, c41, c42, c43, va, vb, betaHere);
        StoreRow128(dst + 5 * ld, c50, c51, c52, c53, va, vb, betaHere);
        if (!full) WriteEdge(edge, c, ldc, rows, cols, 1f, beta);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreRow128(float* dst, Vector128<float> v0, Vector128<float> v1, Vector128<float> v2, Vector128<float> v3,
        Vector128<float> va, Vector128<float> vb, float beta)
    {
        v0 = va * v0;
        v1 = va * v1;
        v2 = va * v2;
        v3 = va * v3;
        if (beta != 0f)
        {
            v0 += vb * Vector128.Load(dst);
            v1 += vb * Vector128.Load(dst + 4);
            v2 += vb * Vector128.Load(dst + 8);
            v3 += vb * Vector128.Load(dst + 12);
        }
        Vector128.Store(v0, dst);
        Vector128.Store(v1, dst + 4);
        Vector128.Store(v2, dst + 8);
        Vector128.Store(v3, dst + 12);
    }
}
