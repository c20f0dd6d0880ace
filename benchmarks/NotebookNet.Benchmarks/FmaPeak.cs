using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace NotebookNet.Benchmarks;

/// <summary>
/// The machine's FMA ceiling: a loop of 12 independent Vector256 FMA chains (no loads, no stores), enough
/// to keep two FMA ports busy despite a 4-cycle latency. FLOPs = iterations × 12 chains × 8 lanes × 2.
/// Run on t threads at once, it gives the peak a t-thread kernel can be compared with.
/// </summary>
internal static class FmaPeak
{
    public const int Chains = 12;

    /// <summary>FLOPs done by one thread's <see cref="Loop256"/> of <paramref name="iterations"/>.</summary>
    public static double Flops256(long iterations) => iterations * Chains * 8 * 2.0;

    /// <summary>FLOPs done by one thread's <see cref="Loop512"/>.</summary>
    public static double Flops512(long iterations) => iterations * Chains * 16 * 2.0;

    /// <summary>Runs <paramref name="loop"/> on <paramref name="threads"/> dedicated threads released together; returns when all end.</summary>
    public static void OnThreads(int threads, Func<long, float> loop, long iterations)
    {
        using var start = new ManualResetEventSlim(false);
        var workers = new Thread[threads];
        float sink = 0;
        for (int t = 0; t < threads; t++)
        {
            workers[t] = new Thread(() =>
            {
                start.Wait();
                float r = loop(iterations);
                lock (workers) sink += r;
            }) { IsBackground = true };
            workers[t].Start();
        }
        start.Set();
        foreach (var w in workers) w.Join();
        if (float.IsNaN(sink)) Console.WriteLine("(impossible: keeps the result alive)");
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    public static float Loop256(long iterations)
    {
        // x ← x·m + d converges to d/(1−m) ≈ 1: no overflow, no denormals.
        var m = Vector256.Create(0.999f);
        var d = Vector256.Create(0.001f);
        Vector256<float> a0 = Vector256.Create(0.1f), a1 = Vector256.Create(0.2f), a2 = Vector256.Create(0.3f), a3 = Vector256.Create(0.4f);
        Vector256<float> a4 = Vector256.Create(0.5f), a5 = Vector256.Create(0.6f), a6 = Vector256.Create(0.7f), a7 = Vector256.Create(0.8f);
        Vector256<float> a8 = Vector256.Create(0.9f), a9 = Vector256.Create(1.1f), a10 = Vector256.Create(1.2f), a11 = Vector256.Create(1.3f);
        for (long i = 0; i < iterations; i++)
        {
            a0 = Fma.MultiplyAdd(a0, m, d); a1 = Fma.MultiplyAdd(a1, m, d); a2 = Fma.MultiplyAdd(a2, m, d);
            a3 = Fma.MultiplyAdd(a3, m, d); a4 = Fma.MultiplyAdd(a4, m, d); a5 = Fma.MultiplyAdd(a5, m, d);
            a6 = Fma.MultiplyAdd(a6, m, d); a7 = Fma.MultiplyAdd(a7, m, d); a8 = Fma.MultiplyAdd(a8, m, d);
            a9 = Fma.MultiplyAdd(a9, m, d); a10 = Fma.MultiplyAdd(a10, m, d); a11 = Fma.MultiplyAdd(a11, m, d);
        }
        var s = a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11;
        return Vector256.Sum(s);
    }

    /// <summary>The same loop on 512-bit vectors, only for information on CPUs with AVX-512 (the kernels use 256).</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    public static float Loop512(long iterations)
    {
        var m = Vector512.Create(0.999f);
        var d = Vector512.Create(0.001f);
        Vector512<float> a0 = Vector512.Create(0.1f), a1 = Vector512.Create(0.2f), a2 = Vector512.Create(0.3f), a3 = Vector512.Create(0.4f);
        Vector512<float> a4 = Vector512.Create(0.5f), a5 = Vector512.Create(0.6f), a6 = Vector512.Create(0.7f), a7 = Vector512.Create(0.8f);
        Vector512<float> a8 = Vector512.Create(0.9f), a9 = Vector512.Create(1.1f), a10 = Vector512.Create(1.2f), a11 = Vector512.Create(1.3f);
        for (long i = 0; i < iterations; i++)
        {
            a0 = Avx512F.FusedMultiplyAdd(a0, m, d); a1 = Avx512F.FusedMultiplyAdd(a1, m, d); a2 = Avx512F.FusedMultiplyAdd(a2, m, d);
            a3 = Avx512F.FusedMultiplyAdd(a3, m, d); a4 = Avx512F.FusedMultiplyAdd(a4, m, d); a5 = Avx512F.FusedMultiplyAdd(a5, m, d);
            a6 = Avx512F.FusedMultiplyAdd(a6, m, d); a7 = Avx512F.FusedMultiplyAdd(a7, m, d); a8 = Avx512F.FusedMultiplyAdd(a8, m, d);
            a9 = Avx512F.FusedMultiplyAdd(a9, m, d); a10 = Avx512F.FusedMultiplyAdd(a10, m, d); a11 = Avx512F.FusedMultiplyAdd(a11, m, d);
        }
        var s = a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11;
        return Vector512.Sum(s);
    }
}
