using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace NotebookNet.Compute;

/// <summary>
/// Direct convolution for a first layer: a small window over few channels (3×3×1 on MNIST: 9 taps), Valid padding and
/// filters in groups of 32. There im2col + GEMM spends more time copying (9-float patches, packing for K = 9) than
/// multiplying. Here the taps are read from the input in place: tap k of the window at input offset <c>base</c> is
/// <c>x[base + tap[k]]</c>, tap[k] = (ky·InW + kx)·InC + c, the kernel's (ky, kx, c) order.
/// <para>Register blocks (AVX2, 16 registers): forward keeps 3 pixels × 32 filters = 12 accumulators, seeded with the
/// bias, adds 3 broadcasts × 4 kernel vectors per tap, applies the ReLU and stores once. The weight gradient keeps 3
/// taps × 32 filters and streams the chunk's pixels past them (dW[k, f] += x[p, k]·dz[p, f], pixels in order).</para>
/// </summary>
internal static unsafe class Conv2DDirect
{
    private const int Taps = 3, Pixels = 3, Group = 32;

    /// <summary>Largest window (KH·KW·InC) the direct kernels take; larger ones are GEMM-sized and go through im2col.</summary>
    public const int MaxPatch = 32;

    /// <summary>True when the direct kernels apply: AVX2 path, Valid padding, a small window, filters a multiple of 32.</summary>
    public static bool Applies(in ConvGeometry g, SimdPath path) =>
        path == SimdPath.Fma256 && g.PadTop == 0 && g.PadLeft == 0 && g.PatchSize <= MaxPatch && g.Filters % Group == 0 && g.OutW >= Pixels;

    /// <summary>y = act(conv(x) + b) for output rows [r0, r1) (row = n·OutH + oy); a null bias means none.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Forward(float* x, float* w, float* bias, float* y, in ConvGeometry geometry, bool relu, int r0, int r1)
    {
        var g = geometry;
        int patch = g.PatchSize, filters = g.Filters, step = g.StrideW * g.InC;
        int* tap = stackalloc int[MaxPatch];
        Offsets(g, tap);
        var zero = Vector256<float>.Zero;
        for (int r = r0; r < r1; r++)
        {
            int n = r / g.OutH, oy = r % g.OutH;
            float* row = x + g.InputOffset(n, oy * g.StrideH, 0);
            float* outRow = y + g.OutputOffset(n, oy, 0);
            for (int f0 = 0; f0 < filters; f0 += Group)
            {
                Vector256<float> b0 = zero, b1 = zero, b2 = zero, b3 = zero;
                if (bias != null) (b0, b1, b2, b3) = (Vector256.Load(bias + f0), Vector256.Load(bias + f0 + 8), Vector256.Load(bias + f0 + 16), Vector256.Load(bias + f0 + 24));
                // Blocks of 3 pixels; the last block is moved back to end at OutW (its overlap is recomputed identically).
                for (int ox = 0; ox < g.OutW; ox += Pixels)
                {
                    int start = Math.Min(ox, g.OutW - Pixels);
                    float* p0 = row + start * step, p1 = p0 + step, p2 = p1 + step;
                    Vector256<float> a00 = b0, a01 = b1, a02 = b2, a03 = b3, a10 = b0, a11 = b1, a12 = b2, a13 = b3, a20 = b0, a21 = b1, a22 = b2, a23 = b3;
                    float* wk = w + f0;
                    for (int k = 0; k < patch; k++, wk += filters)
                    {
                        var w0 = Vector256.Load(wk); var w1 = Vector256.Load(wk + 8); var w2 = Vector256.Load(wk + 16); var w3 = Vector256.Load(wk + 24);
                        int t = tap[k];
                        var x0 = Vector256.Create(p0[t]);
                        a00 = Vector256.FusedMultiplyAdd(x0, w0, a00); a01 = Vector256.FusedMultiplyAdd(x0, w1, a01);
                        a02 = Vector256.FusedMultiplyAdd(x0, w2, a02); a03 = Vector256.FusedMultiplyAdd(x0, w3, a03);
                        var x1 = Vector256.Create(p1[t]);
                        a10 = Vector256.FusedMultiplyAdd(x1, w0, a10); a11 = Vector256.FusedMultiplyAdd(x1, w1, a11);
                        a12 = Vector256.FusedMultiplyAdd(x1, w2, a12); a13 = Vector256.FusedMultiplyAdd(x1, w3, a13);
                        var x2 = Vector256.Create(p2[t]);
                        a20 = Vector256.FusedMultiplyAdd(x2, w0, a20); a21 = Vector256.FusedMultiplyAdd(x2, w1, a21);
                        a22 = Vector256.FusedMultiplyAdd(x2, w2, a22); a23 = Vector256.FusedMultiplyAdd(x2, w3, a23);
                    }
                    float* o = outRow + (long)start * filters + f0;
                    Store(o, a00, a01, a02, a03, relu);
                    Store(o + filters, a10, a11, a12, a13, relu);
                    Store(o + 2 * filters, a20, a21, a22, a23, relu);
                }
            }
        }
    }

    /// <summary>
    /// dW[k, f] (+)= Σ_p x[p, k]·dz[p, f] over the output pixels p of <paramref name="images"/> images from
    /// <paramref name="n0"/>, whose dz rows start at <paramref name="dz"/>; <paramref name="accumulate"/> = false starts from zero.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void KernelGradient(float* x, float* dz, float* dW, in ConvGeometry geometry, int n0, int images, bool accumulate)
    {
        var g = geometry;
        int patch = g.PatchSize, filters = g.Filters, step = g.StrideW * g.InC;
        int* tap = stackalloc int[MaxPatch + Taps];
        Offsets(g, tap);
        for (int f0 = 0; f0 < filters; f0 += Group)
        for (int k0 = 0; k0 < patch; k0 += Taps)
        {
            // A group short of 3 taps reads tap 0 for the missing ones and does not store them.
            int taps = Math.Min(Taps, patch - k0);
            int t0 = tap[k0], t1 = taps > 1 ? tap[k0 + 1] : 0, t2 = taps > 2 ? tap[k0 + 2] : 0;
            float* d0 = dW + (long)k0 * filters + f0;
            Vector256<float> a00 = default, a01 = default, a02 = default, a03 = default, a10 = default, a11 = default, a12 = default, a13 = default;
            Vector256<float> a20 = default, a21 = default, a22 = default, a23 = default;
            if (accumulate)
            {
                Load(d0, out a00, out a01, out a02, out a03);
                if (taps > 1) Load(d0 + filters, out a10, out a11, out a12, out a13);
                if (taps > 2) Load(d0 + 2 * filters, out a20, out a21, out a22, out a23);
            }
            float* dzRow = dz + f0;
            for (int n = n0; n < n0 + images; n++)
            for (int oy = 0; oy < g.OutH; oy++)
            {
                float* p = x + g.InputOffset(n, oy * g.StrideH, 0);
                for (int ox = 0; ox < g.OutW; ox++, p += step, dzRow += filters)
                {
                    var e0 = Vector256.Load(dzRow); var e1 = Vector256.Load(dzRow + 8); var e2 = Vector256.Load(dzRow + 16); var e3 = Vector256.Load(dzRow + 24);
                    var x0 = Vector256.Create(p[t0]);
                    a00 = Vector256.FusedMultiplyAdd(x0, e0, a00); a01 = Vector256.FusedMultiplyAdd(x0, e1, a01);
                    a02 = Vector256.FusedMultiplyAdd(x0, e2, a02); a03 = Vector256.FusedMultiplyAdd(x0, e3, a03);
                    var x1 = Vector256.Create(p[t1]);
                    a10 = Vector256.FusedMultiplyAdd(x1, e0, a10); a11 = Vector256.FusedMultiplyAdd(x1, e1, a11);
                    a12 = Vector256.FusedMultiplyAdd(x1, e2, a12); a13 = Vector256.FusedMultiplyAdd(x1, e3, a13);
                    var x2 = Vector256.Create(p[t2]);
                    a20 = Vector256.FusedMultiplyAdd(x2, e0, a20); a21 = Vector256.FusedMultiplyAdd(x2, e1, a21);
                    a22 = Vector256.FusedMultiplyAdd(x2, e2, a22); a23 = Vector256.FusedMultiplyAdd(x2, e3, a23);
                }
            }
            Store(d0, a00, a01, a02, a03, relu: false);
            if (taps > 1) Store(d0 + filters, a10, a11, a12, a13, relu: false);
            if (taps > 2) Store(d0 + 2 * filters, a20, a21, a22, a23, relu: false);
        }
    }

    // tap[k] for k in the kernel's (ky, kx, c) order: the offset from a window's top-left input value.
    private static void Offsets(in ConvGeometry g, int* tap)
    {
        int k = 0;
        for (int ky = 0; ky < g.KH; ky++)
        for (int kx = 0; kx < g.KW; kx++)
        for (int c = 0; c < g.InC; c++)
            tap[k++] = (ky * g.InW + kx) * g.InC + c;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(float* p, Vector256<float> a, Vector256<float> b, Vector256<float> c, Vector256<float> d, bool relu)
    {
        if (relu)
        {
            var zero = Vector256<float>.Zero;
            a &= Vector256.GreaterThan(a, zero); b &= Vector256.GreaterThan(b, zero);
            c &= Vector256.GreaterThan(c, zero); d &= Vector256.GreaterThan(d, zero);
        }
        a.Store(p); b.Store(p + 8); c.Store(p + 16); d.Store(p + 24);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Load(float* p, out Vector256<float> a, out Vector256<float> b, out Vector256<float> c, out Vector256<float> d)
    {
        a = Vector256.Load(p); b = Vector256.Load(p + 8); c = Vector256.Load(p + 16); d = Vector256.Load(p + 24);
    }
}
