using System.Globalization;

namespace NotebookNet.Grading;

/// <summary>
/// What one submission may use. The defaults fit a 2-core, 24 GB machine grading two submissions at a time: a
/// kernel training the homework peaks at about 1.5 GB, so 6 GB each leaves room for the grader and the system.
/// </summary>
/// <param name="TimeLimit">Wall-clock time for the whole notebook, kernel start included (default 15 minutes).</param>
/// <param name="MemoryBytes">Memory of every process of the submission together (cgroup v1 memory limit; default 6 GiB).</param>
/// <param name="Processes">Most processes and threads at once (cgroup pids limit, when writable; default 1024).</param>
public sealed record SandboxLimits(TimeSpan TimeLimit, long MemoryBytes, int Processes)
{
    /// <summary>15 minutes, 6 GiB, 1024 processes.</summary>
    public static SandboxLimits Default { get; } = new(TimeSpan.FromMinutes(15), 6L << 30, 1024);

    /// <summary>Parses a duration such as <c>90s</c>, <c>15m</c>, <c>1h</c> or a number of seconds.</summary>
    public static TimeSpan ParseTime(string text, string option)
    {
        string t = text.Trim().ToLowerInvariant();
        (string number, double unit) = t switch
        {
            _ when t.EndsWith('h') => (t[..^1], 3600.0),
            _ when t.EndsWith('m') => (t[..^1], 60.0),
            _ when t.EndsWith('s') => (t[..^1], 1.0),
            _ => (t, 1.0),
        };
        return double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && value > 0
            ? TimeSpan.FromSeconds(value * unit)
            : throw new ArgumentException($"{option} takes a duration such as 90s, 15m or 1h; received '{text}'.");
    }

    /// <summary>Parses a size such as <c>6G</c>, <c>1500M</c> or a number of bytes.</summary>
    public static long ParseBytes(string text, string option)
    {
        string t = text.Trim().ToUpperInvariant().TrimEnd('B');
        (string number, long unit) = t switch
        {
            _ when t.EndsWith('G') => (t[..^1], 1L << 30),
            _ when t.EndsWith('M') => (t[..^1], 1L << 20),
            _ when t.EndsWith('K') => (t[..^1], 1L << 10),
            _ => (t, 1L),
        };
        return double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && value * unit >= 64 << 20
            ? (long)(value * unit)
            : throw new ArgumentException($"{option} takes a size of at least 64M such as 6G or 1500M; received '{text}'.");
    }

    /// <inheritdoc/>
    public override string ToString() =>
        $"{TimeLimit.TotalSeconds:0} s, {MemoryBytes / (double)(1 << 30):0.#} GiB, {Processes} processes";
}
