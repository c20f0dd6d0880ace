using System.Diagnostics;

namespace NotebookNet.Benchmarks;

/// <summary>Timings of one benchmarked call: median, min and max over the repetitions, and bytes allocated per call.</summary>
internal sealed record Measurement(double MedianSeconds, double MinSeconds, double MaxSeconds, int Repetitions, double AllocatedBytesPerCall)
{
    /// <summary>Minimum warm-up duration per measured call.</summary>
    public static TimeSpan WarmupTime { get; set; } = TimeSpan.FromMilliseconds(300);

    private const int MaxWarmupCalls = 1000;

    /// <summary>Throughput at the median time for a call doing <paramref name="flops"/> floating-point operations.</summary>
    public double Gflops(double flops) => flops / MedianSeconds / 1e9;

    /// <summary>
    /// Warms up with <paramref name="warmups"/> untimed calls, continued until <see cref="WarmupTime"/> has passed
    /// (the JIT promotes tier-0 library code in the background ~100 ms after it is first hot; buffers and worker
    /// threads get created), then runs <paramref name="call"/> <paramref name="repetitions"/> times with a
    /// Stopwatch each. Allocation is counted over the timed calls on all threads (GC.GetTotalAllocatedBytes), so
    /// worker threads' allocations are included (as are the runtime's own, rarely).
    /// </summary>
    public static Measurement Of(Action call, int repetitions, int warmups = 2)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(repetitions, 1);
        var warm = Stopwatch.StartNew();
        for (int i = 0; i < warmups || (warm.Elapsed < WarmupTime && i < MaxWarmupCalls); i++) call();
        var times = new double[repetitions];
        long allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        for (int i = 0; i < repetitions; i++)
        {
            long start = Stopwatch.GetTimestamp();
            call();
            times[i] = Stopwatch.GetElapsedTime(start).TotalSeconds;
        }
        long allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        Array.Sort(times);
        double median = repetitions % 2 == 1 ? times[repetitions / 2] : (times[repetitions / 2 - 1] + times[repetitions / 2]) / 2;
        return new Measurement(median, times[0], times[^1], repetitions, (double)allocated / repetitions);
    }
}
