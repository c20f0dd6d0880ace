using System.Globalization;

namespace NotebookNet.Benchmarks;

/// <summary>Number formatting for the tables (invariant culture, engineering-friendly units).</summary>
internal static class Format
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string Time(double seconds) => seconds switch
    {
        < 1e-3 => (seconds * 1e6).ToString("0.0", Invariant) + " µs",
        < 1 => (seconds * 1e3).ToString("0.00", Invariant) + " ms",
        _ => seconds.ToString("0.000", Invariant) + " s",
    };

    public static string Number(double value, string format = "0.0") => value.ToString(format, Invariant);

    public static string Bytes(double bytes) => bytes switch
    {
        < 1024 => bytes.ToString("0", Invariant) + " B",
        < 1024 * 1024 => (bytes / 1024).ToString("0.0", Invariant) + " KB",
        _ => (bytes / (1024 * 1024)).ToString("0.0", Invariant) + " MB",
    };
}
