namespace NotebookNet.Benchmarks;

/// <summary>
/// The standard result table: one row per measured call with its timings, throughput and allocation.
/// Throughput is given twice: at the median time (what to expect) and at the best time (what the machine can
/// do when nothing else runs). "% FMA peak" compares best with best: the row's best GFLOP/s over the best FMA
/// peak measured for the same thread count (see <see cref="RecordPeak"/>); on a busy machine both bests are
/// the least disturbed samples, while medians mix in whatever else was running.
/// </summary>
internal sealed class ResultTable
{
    private readonly Table _table = new("Benchmark", "Size", "Threads", "Median", "Min", "Max", "GFLOP/s", "best GFLOP/s", "% FMA peak", "Alloc/call");
    private readonly Dictionary<int, double> _peak;

    /// <summary>A table sharing <paramref name="peaks"/> (threads → best FMA GFLOP/s) with other tables.</summary>
    public ResultTable(Dictionary<int, double>? peaks = null) => _peak = peaks ?? [];

    /// <summary>Threads → best FMA GFLOP/s measured so far.</summary>
    public Dictionary<int, double> Peaks => _peak;

    /// <summary>Adds a row; <paramref name="flops"/> per call (null when throughput makes no sense).</summary>
    public void Add(string name, string size, int threads, Measurement m, double? flops, bool showAllocation = true, bool comparePeak = true)
    {
        string gflops = "", best = "", ofPeak = "";
        if (flops is double f)
        {
            double median = f / m.MedianSeconds / 1e9;
            gflops = Format.Number(median, median < 10 ? "0.00" : "0.0");
            best = Format.Number(f / m.MinSeconds / 1e9, median < 10 ? "0.00" : "0.0");
            double fastest = f / m.MinSeconds / 1e9;
            if (comparePeak && _peak.TryGetValue(threads, out double peak)) ofPeak = Format.Number(100 * fastest / peak, fastest < 10 ? "0.0" : "0");
        }
        _table.Add(name, size, threads.ToString(), Format.Time(m.MedianSeconds), Format.Time(m.MinSeconds), Format.Time(m.MaxSeconds),
            gflops, best, ofPeak, showAllocation ? Format.Bytes(m.AllocatedBytesPerCall) : "n/a");
    }

    /// <summary>Adds an FMA-peak row and remembers its best GFLOP/s as the ceiling for <paramref name="threads"/>.</summary>
    public void RecordPeak(string name, int threads, Measurement m, double flops)
    {
        _peak[threads] = flops / m.MinSeconds / 1e9;
        Add(name, "12 chains", threads, m, flops, showAllocation: false);
    }

    /// <summary>Lines printed under the table (ratios, remarks).</summary>
    public List<string> Notes { get; } = [];

    public override string ToString() => _table + string.Concat(Notes.Select(n => n + Environment.NewLine));
}
