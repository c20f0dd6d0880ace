using NotebookNet.Visualization.Internal;

namespace NotebookNet.Visualization;

/// <summary>Curves y(x) on one SVG chart, e.g. a target function and a network's fit: the first series solid,
/// the others dashed, with markers when a series has at most 40 points.</summary>
/// <example><code>string html = CurveChart.ToHtml("fit", ("target", xs, ys), ("network", xs, predicted));</code></example>
public static class CurveChart
{
    /// <summary>The chart; each series is a name, its xs and its ys (as many of each).</summary>
    /// <exception cref="ArgumentException">No series, or a series with more xs than ys (or fewer).</exception>
    public static string ToHtml(string title, params (string Name, IReadOnlyList<double> X, IReadOnlyList<double> Y)[] series)
    {
        ArgumentNullException.ThrowIfNull(series);
        if (series.Length == 0) throw new ArgumentException("Show.Curve needs at least one series.", nameof(series));
        foreach (var s in series)
            if (s.X.Count != s.Y.Count)
                throw new ArgumentException($"Show.Curve: series '{s.Name}' has {s.X.Count} x values and {s.Y.Count} y values.", nameof(series));
        var spec = new LineChartSpec(title, "x", "y",
            series.Select((s, i) => new Series(s.Name, s.X, s.Y, Palette.Class(i), Dashed: i > 0, Markers: s.X.Count <= 40)).ToList());
        return $"<div style=\"{Html.Card()}\">{LineChartSvg.Render(spec)}</div>";
    }
}
