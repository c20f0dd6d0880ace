using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using NotebookNet.Kernels;

namespace NotebookNet.Benchmarks;

/// <summary>
/// The machine's reference points: FMA peak per thread count, the fast SGEMM at 1024³ on 1 and all threads
/// (as GFLOP/s and % of that peak), and the naive triple loop against the fast GEMM at a size it can finish.
/// </summary>
internal sealed class ReferencePoints(BenchmarkOptions options)
{
    private readonly Dictionary<int, double> _peak = [];

    public Table Run()
    {
        var table = new Table("Benchmark", "Size", "Threads", "Median", "Min", "Max", "GFLOP/s", "% FMA peak", "Alloc/call");
        foreach (int threads in options.ThreadCounts) AddFmaPeak(table, threads);
        if (Avx512F.IsSupported && Vector512.IsHardwareAccelerated) AddFmaPeak512(table, options.ThreadCounts.Max());

        const int big = 1024;
        foreach (int threads in options.ThreadCounts) AddGemm(table, "SGEMM C=A·B", big, big, big, threads, KernelPath.Fma256);

        int small = options.NaiveSize;
        var fast = AddGemm(table, "SGEMM C=A·B", small, small, small, 1, KernelPath.Fma256);
        var naive = AddNaive(table, small);
        table.Add("speed-up fast/naive", $"{small}³", "1", "", "", "", "×" + Format.Number(naive.MedianSeconds / fast.MedianSeconds));
        return table;
    }

    private void AddFmaPeak(Table table, int threads)
    {
        long iterations = options.Quick ? 20_000_000 : 100_000_000;
        var m = Measurement.Of(() => FmaPeak.OnThreads(threads, FmaPeak.Loop256, iterations), options.Repetitions, warmups: 1);
        double gflops = m.Gflops(FmaPeak.Flops256(iterations) * threads);
        _peak[threads] = gflops;
        table.Add("FMA peak (Vector256)", "12 chains", threads.ToString(), Format.Time(m.MedianSeconds), Format.Time(m.MinSeconds),
            Format.Time(m.MaxSeconds), Format.Number(gflops), "100", "n/a");
    }

    private void AddFmaPeak512(Table table, int threads)
    {
        long iterations = options.Quick ? 10_000_000 : 50_000_000;
        var m = Measurement.Of(() => FmaPeak.OnThreads(threads, FmaPeak.Loop512, iterations), options.Repetitions, warmups: 1);
        double gflops = m.Gflops(FmaPeak.Flops512(iterations) * threads);
        table.Add("FMA peak (Vector512, info)", "12 chains", threads.ToString(), Format.Time(m.MedianSeconds), Format.Time(m.MinSeconds),
            Format.Time(m.MaxSeconds), Format.Number(gflops), "", "n/a");
    }

    private Measurement AddGemm(Table table, string name, int m, int n, int k, int threads, KernelPath path)
    {
        var rng = new Random(1);
        float[] a = Random(rng, m * k), b = Random(rng, k * n), c = new float[m * n];
        var r = Measurement.Of(() => Gemm.Multiply(Transpose.No, Transpose.No, m, n, k, 1f, a, k, b, n, 0f, c, n, threads, path), options.Repetitions);
        double gflops = r.Gflops(2.0 * m * n * k);
        string ofPeak = _peak.TryGetValue(threads, out double peak) ? Format.Number(100 * gflops / peak, "0") : "";
        table.Add(name, $"{m}×{n}×{k}", threads.ToString(), Format.Time(r.MedianSeconds), Format.Time(r.MinSeconds),
            Format.Time(r.MaxSeconds), Format.Number(gflops), ofPeak, Format.Bytes(r.AllocatedBytesPerCall));
        return r;
    }

    private Measurement AddNaive(Table table, int size)
    {
        var rng = new Random(2);
        float[] a = Random(rng, size * size), b = Random(rng, size * size), c = new float[size * size];
        var r = Measurement.Of(() => ReferenceGemm.Multiply(Transpose.No, Transpose.No, size, size, size, 1f, a, size, b, size, 0f, c, size),
            options.Repetitions, warmups: 1);
        double gflops = r.Gflops(2.0 * size * size * size);
        string ofPeak = _peak.TryGetValue(1, out double peak) ? Format.Number(100 * gflops / peak, "0.0") : "";
        table.Add("naive GEMM (reference)", $"{size}×{size}×{size}", "1", Format.Time(r.MedianSeconds), Format.Time(r.MinSeconds),
            Format.Time(r.MaxSeconds), Format.Number(gflops, "0.00"), ofPeak, Format.Bytes(r.AllocatedBytesPerCall));
        return r;
    }

    private static float[] Random(Random rng, int length)
    {
        var data = new float[length];
        for (int i = 0; i < data.Length; i++) data[i] = (float)(rng.NextDouble() * 2 - 1);
        return data;
    }
}
