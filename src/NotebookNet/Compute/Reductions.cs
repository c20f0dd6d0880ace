using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace NotebookNet.Compute;

/// <summary>
/// The one-pass tests behind the NaN/∞ guards: Σx² of each gradient (once a batch) and "all finite" of the inputs (once
/// a call). Both are compiled fully optimised at their first call, as the kernels are: a short Fit would otherwise time
/// them before the tiered JIT has optimised them.
/// </summary>
internal static class Reductions
{
    /// <summary>
    /// Σ x[i]², NaN if a value is NaN, ∞ if one is infinite (or the sum overflows a float). Four accumulators of 8 lanes
    /// in float, added in double at the end.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double SumOfSquares(ReadOnlySpan<float> x)
    {
        ref float r = ref MemoryMarshal.GetReference(x);
        var (a0, a1, a2, a3) = (Vector256<float>.Zero, Vector256<float>.Zero, Vector256<float>.Zero, Vector256<float>.Zero);
        int i = 0;
        for (; i + 32 <= x.Length; i += 32)
        {
            var v0 = Vector256.LoadUnsafe(ref r, (nuint)i);
            var v1 = Vector256.LoadUnsafe(ref r, (nuint)(i + 8));
            var v2 = Vector256.LoadUnsafe(ref r, (nuint)(i + 16));
            var v3 = Vector256.LoadUnsafe(ref r, (nuint)(i + 24));
            (a0, a1, a2, a3) = (a0 + v0 * v0, a1 + v1 * v1, a2 + v2 * v2, a3 + v3 * v3);
        }
        double sum = Vector256.Sum((a0 + a1) + (a2 + a3));
        for (; i < x.Length; i++) sum += (double)x[i] * x[i];
        return sum;
    }

    /// <summary>True when no value is NaN or infinite: x − x is 0 for every finite x and NaN otherwise, and a NaN
    /// added to the accumulators stays there.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool AllFinite(ReadOnlySpan<float> x)
    {
        ref float r = ref MemoryMarshal.GetReference(x);
        var (a0, a1) = (Vector256<float>.Zero, Vector256<float>.Zero);
        int i = 0;
        for (; i + 16 <= x.Length; i += 16)
        {
            var v0 = Vector256.LoadUnsafe(ref r, (nuint)i);
            var v1 = Vector256.LoadUnsafe(ref r, (nuint)(i + 8));
            (a0, a1) = (a0 + (v0 - v0), a1 + (v1 - v1));
        }
        if (a0 + a1 != Vector256<float>.Zero) return false;
        for (; i < x.Length; i++)
            if (!float.IsFinite(x[i])) return false;
        return true;
    }

    /// <summary><paramref name="source"/> copied into <paramref name="target"/> (as long), and whether every value
    /// was finite: the test of <see cref="AllFinite"/> in the copy's own pass over memory.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool CopyAllFinite(ReadOnlySpan<float> source, Span<float> target)
    {
        if (target.Length < source.Length) throw new ArgumentException("Reductions.CopyAllFinite: the target is shorter than the source.", nameof(target));
        ref float s = ref MemoryMarshal.GetReference(source);
        ref float t = ref MemoryMarshal.GetReference(target);
        var (a0, a1) = (Vector256<float>.Zero, Vector256<float>.Zero);
        int i = 0;
        for (; i + 16 <= source.Length; i += 16)
        {
            var v0 = Vector256.LoadUnsafe(ref s, (nuint)i);
            var v1 = Vector256.LoadUnsafe(ref s, (nuint)(i + 8));
            v0.StoreUnsafe(ref t, (nuint)i);
            v1.StoreUnsafe(ref t, (nuint)(i + 8));
            (a0, a1) = (a0 + (v0 - v0), a1 + (v1 - v1));
        }
        bool finite = a0 + a1 == Vector256<float>.Zero;
        for (; i < source.Length; i++)
        {
            target[i] = source[i];
            finite &= float.IsFinite(source[i]);
        }
        return finite;
    }
}
