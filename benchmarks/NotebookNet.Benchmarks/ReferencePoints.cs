using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using NotebookNet.Compute;

namespace NotebookNet.Benchmarks;

/// <summary>
/// The machine's reference points: FMA peak per thread count, the fast SGEMM at 1024³ on each thread count
/// (GFLOP/s and % of that peak), and the naive triple loop against the fast GEMM at a size the naive one can finish.
/// </summary>
internal sealed class ReferencePoints(BenchmarkOptions options)
{
    public ResultTable Run()
    {
        var table = new ResultTable();
        // Many short runs rather than a few long ones: on a shared machine the best of them is the least disturbed.
        int peakRuns = Math.Max(3 * options.Repetitions, 15);
        foreach (int threads in options.ThreadCounts)
        {
            long iterations = options.Quick ? 5_000_000 : 20_000_000;
            var m = Measurement.Of(() => FmaPeak.OnThreads(threads, FmaPeak.Loop256, iterations), peakRuns, warmups: 1);
            table.RecordPeak("FMA peak (Vector256)", threads, m, FmaPeak.Flops256(iterations) * threads);
        }
        if (Avx512F.IsSupported && Vector512.IsHardwareAccelerated)
        {
            int threads = options.ThreadCounts.Max();
            long iterations = options.Quick ? 2_500_000 : 10_000_000;
            var m = Measurement.Of(() => FmaPeak.OnThreads(threads, FmaPeak.Loop512, iterations), peakRuns, warmups: 1);
            table.Add("FMA peak (Vector512, info only)", "12 chains", threads, m, FmaPeak.Flops512(iterations) * threads, showAllocation: false, comparePeak: false);
        }

        foreach (int threads in options.ThreadCounts) Gemm(table, 1024, threads);
        foreach (int threads in options.ThreadCounts.Where(t => t > 1))
        {
            // What splitting a kernel over threads costs by itself: below a few times this, one thread is faster.
            var empty = new EmptyJob();
            table.Add("worker pool round trip (empty job)", "", threads, Measurement.Of(() => WorkerPool.Run(empty, threads), 10 * options.Repetitions), flops: null);
        }

        int small = options.NaiveSize;
        var fast = Gemm(table, small, 1);
        Gemm(table, small, 1, SimdPath.Fma128);
        Gemm(table, small, 1, SimdPath.Scalar);
        var naive = Naive(table, small);
        table.Notes.Add($"Fast SGEMM vs naive loop at {small}³ on 1 thread: ×{Format.Number(naive.MedianSeconds / fast.MedianSeconds, "0")} (median times).");
        return table;
    }

    private sealed class EmptyJob : IPartitionedJob
    {
        public void Execute(int part, int parts) { }
    }

    private Measurement Gemm(ResultTable table, int size, int threads, SimdPath path = SimdPath.Fma256)
    {
        float[] a = Data.Random(size * size, 1), b = Data.Random(size * size, 2), c = new float[size * size];
        var m = Measurement.Of(() => NotebookNet.Compute.Gemm.Multiply(Transpose.No, Transpose.No, size, size, size, 1f, a, size, b, size, 0f, c, size,
            threads, path), options.Repetitions);
        string name = path == SimdPath.Fma256 ? "SGEMM C=A·B" : $"SGEMM C=A·B ({path} path)";
        table.Add(name, $"{size}×{size}×{size}", threads, m, 2.0 * size * size * size);
        return m;
    }

    private Measurement Naive(ResultTable table, int size)
    {
        float[] a = Data.Random(size * size, 3), b = Data.Random(size * size, 4), c = new float[size * size];
        var m = Measurement.Of(() => ReferenceGemm.Multiply(Transpose.No, Transpose.No, size, size, size, 1f, a, size, b, size, 0f, c, size),
            options.Repetitions, warmups: 1);
        table.Add("naive GEMM (reference loop)", $"{size}×{size}×{size}", 1, m, 2.0 * size * size * size);
        return m;
    }
}
