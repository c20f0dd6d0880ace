using System.Diagnostics;

namespace NotebookNet.Benchmarks;

/// <summary>Timings of one benchmarked call: median, min and max over the repetitions, and bytes allocated per call.</summary>
internal sealed record Measurement(double MedianSeconds, double MinSeconds, double MaxSeconds, int Repetitions, double AllocatedBytesPerCall)
{
    /// <summary>Throughput at the median time for a call doing <paramref name="flops"/> floating-point operations.</summary>
    public double Gflops(double flops) => flops / MedianSeconds / 1e9;

    /// <summary>
    /// Runs <paramref name="call"/> <paramref name="warmups"/> times untimed (JIT tiers, caches, buffers, worker
    /// threads), then <paramref name="repetitions"/> times with a Stopwatch each. Allocation is counted over the
    /// timed calls on all threads (GC.GetTotalAllocatedBytes), so worker threads' allocations are included.
    /// </summary>
    public static Measurement Of(Action call, int repetitions, int warmups = 2)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(repetitions, 1);
        for (int i = 0; i < warmups; i++) call();
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
