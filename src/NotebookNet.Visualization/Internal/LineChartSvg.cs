using static NotebookNet.Visualization.Internal.Format;

namespace NotebookNet.Visualization.Internal;

/// <summary>One line of a chart: its legend name, points, colour and style.</summary>
internal sealed record Series(string Name, IReadOnlyList<double> X, IReadOnlyList<double> Y, Rgb Color,
    bool Dashed = false, bool Markers = true, double Width = 2);

/// <summary>What a line chart shows; the same description feeds the SVG and the Plotly renderer.</summary>
internal sealed record LineChartSpec(string Title, string XTitle, string YTitle, IReadOnlyList<Series> Series,
    bool IntegerX = false, double? YFloor = null, double? YCeiling = null, double Width = 560, double Height = 320);

/// <summary>
/// A static SVG line chart with axes, nice ticks, grid, axis titles and a legend: the fallback that shows where
/// JavaScript does not run (GitHub, nbviewer, exported PDFs).
/// </summary>
internal static class LineChartSvg
{
    private const double Left = 64, Right = 16, Top = 52, Bottom = 46;

    public static string Render(LineChartSpec spec)
    {
        var svg = new SvgWriter(spec.Width, spec.Height, spec.Title);
        double plotW = spec.Width - Left - Right, plotH = spec.Height - Top - Bottom;
        svg.Text(Left, 20, spec.Title, "start", 14, Palette.Ink.Hex, "600");

        if (Ranges(spec) is not var (xMin, xMax, yMin, yMax))
        {
            svg.Text(spec.Width / 2, spec.Height / 2, "no data yet", "middle", 13, Palette.MutedInk.Hex);
            return svg.ToString();
        }

        double X(double x) => Left + (x - xMin) / (xMax - xMin) * plotW;
        double Y(double y) => Top + (yMax - y) / (yMax - yMin) * plotH;

        // Grid and ticks.
        var (yTicks, yStep) = Ticks.Nice(yMin, yMax, 5);
        foreach (double t in yTicks)
        {
            svg.Line(Left, Y(t), Left + plotW, Y(t), Palette.Grid.Hex);
            svg.Text(Left - 6, Y(t), Ticks.Label(t, yStep), "end", 11, Palette.MutedInk.Hex, baseline: "middle");
        }
        var (xTicks, xStep) = Ticks.Nice(xMin, xMax, Math.Min(8, (int)(plotW / 60)));
        if (spec.IntegerX && (xStep < 1 || xMax - xMin <= 12)) (xTicks, xStep) = (IntegerTicks(xMin, xMax), 1);
        foreach (double t in xTicks)
        {
            svg.Line(X(t), Top + plotH, X(t), Top + plotH + 4, Palette.MutedInk.Hex);
            svg.Text(X(t), Top + plotH + 16, Ticks.Label(t, xStep), "middle", 11, Palette.MutedInk.Hex);
        }
        svg.Line(Left, Top + plotH, Left + plotW, Top + plotH, Palette.MutedInk.Hex);
        svg.Line(Left, Top, Left, Top + plotH, Palette.MutedInk.Hex);
        svg.Text(Left + plotW / 2, spec.Height - 8, spec.XTitle, "middle", 12, Palette.Ink.Hex);
        svg.Text(16, Top + plotH / 2, spec.YTitle, "middle", 12, Palette.Ink.Hex, rotate: -90);

        // Lines. No clip path: the y range always contains the data (a clip id could clash with another figure's on the page).
        foreach (var s in spec.Series)
        {
            var pts = Decimate(s.X.Zip(s.Y, (x, y) => (X(x), Y(y))).ToList(), (int)plotW);
            svg.Polyline(pts, s.Color.Hex, s.Width, s.Dashed ? "stroke-dasharray=\"6 4\"" : null);
            if (s.Markers && pts.Count <= 60)
                for (int i = 0; i < pts.Count; i++)
                    if (double.IsFinite(pts[i].Item1) && double.IsFinite(pts[i].Item2))
                        svg.Circle(pts[i].Item1, pts[i].Item2, 3, s.Color.Hex, "#ffffff", 1, $"{s.Name} at {Value(s.X[i])}: {Value(s.Y[i])}");
        }

        // Legend, top right, one entry per series.
        double lx = Left + plotW;
        for (int i = spec.Series.Count - 1; i >= 0; i--)
        {
            var s = spec.Series[i];
            double textWidth = 7 * s.Name.Length;
            lx -= textWidth + 34;
            svg.Line(lx, 38, lx + 22, 38, s.Color.Hex, Math.Max(2, s.Width), s.Dashed ? "stroke-dasharray=\"6 4\"" : null);
            svg.Text(lx + 27, 38, s.Name, "start", 12, Palette.Ink.Hex, baseline: "middle");
        }
        return svg.ToString();
    }

    /// <summary>
    /// The axis ranges both renderers use: x padded a little where markers sit at the ends, y widened to nice
    /// ticks and then held within the spec's floor and ceiling. Null when there is no finite point.
    /// </summary>
    public static (double XMin, double XMax, double YMin, double YMax)? Ranges(LineChartSpec spec)
    {
        var points = spec.Series.SelectMany(s => s.X.Zip(s.Y)).Where(p => double.IsFinite(p.First) && double.IsFinite(p.Second)).ToList();
        if (points.Count == 0) return null;
        double xMin = points.Min(p => p.First), xMax = points.Max(p => p.First);
        double yMin = points.Min(p => p.Second), yMax = points.Max(p => p.Second);
        // Widen to whole tick steps, with the step the axis will be drawn with, so both ends carry a label.
        var (_, step) = Ticks.Nice(yMin, yMax, 5);
        for (int i = 0; i < 3; i++)
        {
            (yMin, yMax) = (Math.Floor(yMin / step + 1e-9) * step, Math.Ceiling(yMax / step - 1e-9) * step);
            if (yMax <= yMin) (yMin, yMax) = (yMin - step, yMax + step);
            var (_, again) = Ticks.Nice(yMin, yMax, 5);
            if (again == step) break;
            step = again;
        }
        if (spec.YFloor is { } floor) yMin = Math.Max(yMin, floor);
        if (spec.YCeiling is { } ceiling) yMax = Math.Min(yMax, ceiling);
        if (yMax <= yMin) yMax = yMin + 1;
        if (xMax == xMin) { xMin -= 1; xMax += 1; }
        else if (spec.Series.Any(s => s.Markers))
        {
            double pad = 0.03 * (xMax - xMin);
            xMin -= pad;
            xMax += pad;
        }
        return (xMin, xMax, yMin, yMax);
    }

    /// <summary>
    /// Keeps at most two points (the lowest and highest) per horizontal pixel, in order: a noisy curve of thousands
    /// of batches keeps its envelope while the SVG stays small.
    /// </summary>
    internal static List<(double X, double Y)> Decimate(List<(double X, double Y)> points, int pixels)
    {
        if (points.Count <= 2 * pixels) return points;
        var result = new List<(double X, double Y)>(2 * pixels + 2);
        int i = 0;
        while (i < points.Count)
        {
            int column = (int)Math.Floor(points[i].X);
            (double X, double Y) lo = points[i], hi = points[i];
            int j = i;
            for (; j < points.Count && (int)Math.Floor(points[j].X) == column; j++)
            {
                if (!double.IsFinite(points[j].Y)) continue;
                if (!double.IsFinite(lo.Y) || points[j].Y < lo.Y) lo = points[j];
                if (!double.IsFinite(hi.Y) || points[j].Y > hi.Y) hi = points[j];
            }
            if (lo.X <= hi.X) { result.Add(lo); if (hi != lo) result.Add(hi); }
            else { result.Add(hi); result.Add(lo); }
            i = Math.Max(j, i + 1);
        }
        return result;
    }

    private static double[] IntegerTicks(double min, double max)
    {
        int lo = (int)Math.Ceiling(min), hi = (int)Math.Floor(max);
        return Enumerable.Range(lo, Math.Max(0, hi - lo + 1)).Select(i => (double)i).ToArray();
    }
}
