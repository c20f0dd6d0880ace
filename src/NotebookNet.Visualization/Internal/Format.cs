using System.Globalization;

namespace NotebookNet.Visualization.Internal;

/// <summary>Culture-independent number formatting and escaping shared by every renderer.</summary>
internal static class Format
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>A count with thousands separators, e.g. 34826 → "34,826" (Keras's summary style).</summary>
    public static string Count(long n) => n.ToString("N0", Inv);

    /// <summary>A byte size in Keras's units (1 KB = 1024 B), e.g. 139304 → "136.04 KB".</summary>
    public static string Bytes(long bytes)
    {
        string[] units = ["B", "KB", "MB", "GB"];
        double v = bytes;
        int u = 0;
        while (v >= 1024 && u < units.Length - 1) { v /= 1024; u++; }
        return $"{v.ToString("0.00", Inv)} {units[u]}";
    }

    /// <summary>A metric or loss value with four significant digits, e.g. 0.012345 → "0.01235".</summary>
    public static string Value(double v)
    {
        if (double.IsNaN(v)) return "NaN";
        if (double.IsInfinity(v)) return v > 0 ? "∞" : "−∞";
        if (v == 0) return "0";
        double a = Math.Abs(v);
        if (a >= 1e5 || a < 1e-4) return v.ToString("0.###e+0", Inv);
        return v.ToString("G4", Inv);
    }

    /// <summary>A percentage with one decimal, e.g. 0.98765 → "98.8%".</summary>
    public static string Percent(double fraction) => (fraction * 100).ToString("0.0", Inv) + "%";

    /// <summary>A duration as h:mm:ss or m:ss.</summary>
    public static string Duration(TimeSpan t)
    {
        if (t < TimeSpan.Zero) t = TimeSpan.Zero;
        return t.TotalHours >= 1
            ? $"{(int)t.TotalHours}:{t.Minutes:00}:{t.Seconds:00}"
            : $"{t.Minutes}:{t.Seconds:00}";
    }

    /// <summary>An SVG coordinate: at most two decimals, invariant culture.</summary>
    public static string Coord(double v) => Math.Round(v, 2).ToString("0.##", Inv);

    /// <summary>
    /// Escapes text for HTML and XML content or attribute values: only &amp; &lt; &gt; " and ' are replaced, so
    /// characters such as · × ± stay readable in the markup (WebUtility.HtmlEncode would turn them into entities).
    /// </summary>
    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        if (text.AsSpan().IndexOfAny("&<>\"'") < 0) return text;
        var sb = new System.Text.StringBuilder(text.Length + 16);
        foreach (char ch in text)
        {
            sb.Append(ch switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&#39;",
                _ => ch.ToString(),
            });
        }
        return sb.ToString();
    }
}
