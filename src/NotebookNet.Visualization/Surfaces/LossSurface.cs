using System.Globalization;
using System.Text;
using NotebookNet.Visualization.Internal;
using static NotebookNet.Visualization.Internal.Format;

namespace NotebookNet.Visualization;

/// <summary>What a loss-surface figure shows besides the function and the path; every property has a default.</summary>
public sealed record LossSurfaceOptions
{
    /// <summary>Number of contour levels (default 12). Levels split the plotted area into bands of equal size.</summary>
    public int Levels { get; init; } = 12;

    /// <summary>Grid points per side for the contour lines (default 120).</summary>
    public int Resolution { get; init; } = 120;

    /// <summary>Axis titles.</summary>
    public string XLabel { get; init; } = "w₁";

    /// <summary>Axis titles.</summary>
    public string YLabel { get; init; } = "w₂";

    /// <summary>Figure title.</summary>
    public string Title { get; init; } = "Gradient descent on the loss surface";
}

/// <summary>
/// A path of gradient descent over the contours of a loss surface f(x, y): coloured bands (dark = low loss),
/// contour lines traced by marching squares, and the path as dots joined by arrows from "start" to "end".
/// </summary>
/// <example><code>
/// Func&lt;double, double, double&gt; f = (w1, w2) =&gt; w1 * w1 + 10 * w2 * w2;
/// var path = new List&lt;(double, double)&gt; { (-4, 1.5) };
/// for (int i = 0; i &lt; 30; i++) { var (a, b) = path[^1]; path.Add((a - 0.05 * 2 * a, b - 0.05 * 20 * b)); }
/// string html = LossSurface.ToHtml(f, path, (-5, 5), (-2, 2));
/// </code></example>
public static class LossSurface
{
    private const double Size = 400, Left = 64, Top = 16;
    private const int Pixels = 400;

    /// <summary>The figure as a standalone SVG.</summary>
    /// <param name="f">The loss at (x, y).</param>
    /// <param name="path">The visited points, first to last (may be empty).</param>
    /// <param name="xRange">Plotted x range.</param>
    /// <param name="yRange">Plotted y range.</param>
    /// <param name="options">Levels, resolution, labels.</param>
    public static string ToSvg(Func<double, double, double> f, IReadOnlyList<(double X, double Y)> path,
        (double Min, double Max) xRange, (double Min, double Max) yRange, LossSurfaceOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(path);
        options ??= new LossSurfaceOptions();
        PlotArea.CheckRange(xRange, nameof(xRange));
        PlotArea.CheckRange(yRange, nameof(yRange));
        if (options.Levels is < 2 or > 60)
            throw new ArgumentOutOfRangeException(nameof(options), $"Levels must be between 2 and 60; received {options.Levels}.");
        if (options.Resolution is < 8 or > 1000)
            throw new ArgumentOutOfRangeException(nameof(options), $"Resolution must be between 8 and 1000; received {options.Resolution}.");
        var area = new PlotArea(Left, Top, Size, Size, xRange.Min, xRange.Max, yRange.Min, yRange.Max);

        // Sample the surface on the contour grid (corners of the plot included) and choose the levels.
        int n = options.Resolution;
        var grid = new double[n, n];
        for (int r = 0; r < n; r++)
            for (int c = 0; c < n; c++)
                grid[r, c] = f(xRange.Min + c * (xRange.Max - xRange.Min) / (n - 1), yRange.Max - r * (yRange.Max - yRange.Min) / (n - 1));
        double[] levels = Levels(grid, options.Levels);
        if (levels.Length == 0)
            throw new ArgumentException("The loss function returned no finite value in the plotted range.", nameof(f));

        var svg = new SvgWriter(Left + Size + 110, Top + Size + 52, options.Title);
        svg.Image(area.Left, area.Top, area.Width, area.Height, Bands(f, area, levels), pixelated: false);
        var d = new StringBuilder();
        foreach (double level in levels)
            foreach (var (x1, y1, x2, y2) in MarchingSquares.Segments(grid, level))
                d.Append($"M{Coord(area.Left + x1 / (n - 1) * area.Width)} {Coord(area.Top + y1 / (n - 1) * area.Height)}" +
                         $"L{Coord(area.Left + x2 / (n - 1) * area.Width)} {Coord(area.Top + y2 / (n - 1) * area.Height)}");
        if (d.Length > 0) svg.Path(d.ToString(), "none", "#ffffff", 0.8, "stroke-opacity=\"0.6\"");
        DrawPath(svg, area, path, f);
        area.DrawAxes(svg, options.XLabel, options.YLabel);
        svg.Raw($"<g transform=\"translate({Coord(Left + Size + 14)} {Coord(Top)})\">{BandScale(levels)}</g>");
        return svg.ToString();
    }

    /// <summary>HTML figure: title, the SVG, and where the path started and ended.</summary>
    public static string ToHtml(Func<double, double, double> f, IReadOnlyList<(double X, double Y)> path,
        (double Min, double Max) xRange, (double Min, double Max) yRange, LossSurfaceOptions? options = null)
    {
        options ??= new LossSurfaceOptions();
        string svg = ToSvg(f, path, xRange, yRange, options);
        string note = path.Count == 0
            ? "No path given."
            : $"{path.Count - 1} step{(path.Count == 2 ? "" : "s")}: f went from {Value(f(path[0].X, path[0].Y))} at ({Value(path[0].X)}, {Value(path[0].Y)}) " +
              $"to {Value(f(path[^1].X, path[^1].Y))} at ({Value(path[^1].X)}, {Value(path[^1].Y)}).";
        return $"<div class=\"nn-loss-surface\" style=\"{Html.Card()}\">{Html.Title(Escape(options.Title))}{svg}{Html.Note(Escape(note))}</div>";
    }

    /// <summary>
    /// Contour levels at quantiles of the sampled values, so each band covers about the same area: a bowl and a
    /// long narrow valley (Rosenbrock) both get readable contours without choosing a scale by hand.
    /// </summary>
    internal static double[] Levels(double[,] grid, int count)
    {
        var values = grid.Cast<double>().Where(double.IsFinite).OrderBy(v => v).ToArray();
        if (values.Length == 0) return [];
        var levels = new List<double>();
        for (int k = 1; k <= count; k++)
        {
            double q = values[Math.Min(values.Length - 1, (int)((double)k / (count + 1) * values.Length))];
            if (levels.Count == 0 || q > levels[^1]) levels.Add(q);
        }
        return levels.ToArray();
    }

    /// <summary>Band index of a value: how many levels lie at or below it.</summary>
    private static int Band(double v, double[] levels)
    {
        int i = Array.BinarySearch(levels, v);
        return i >= 0 ? i + 1 : ~i;
    }

    private static Rgb BandColor(int band, int bands) =>
        // Viridis, lightened a little so the path and the contour lines stay visible on the dark low bands.
        Rgb.Lerp(ColorMap.Viridis.At(bands <= 1 ? 0 : (double)band / (bands - 1)), Rgb.White, 0.2);

    private static RgbImage Bands(Func<double, double, double> f, PlotArea area, double[] levels)
    {
        var img = new RgbImage(Pixels, Pixels, Rgb.White);
        for (int j = 0; j < Pixels; j++)
            for (int i = 0; i < Pixels; i++)
            {
                double v = f(area.XAt(i, Pixels), area.YAt(j, Pixels));
                img[i, j] = double.IsFinite(v) ? BandColor(Band(v, levels), levels.Length + 1) : Rgb.White;
            }
        return img;
    }

    private static void DrawPath(SvgWriter svg, PlotArea area, IReadOnlyList<(double X, double Y)> path, Func<double, double, double> f)
    {
        if (path.Count == 0) return;
        // A diverging path leaves the plot: clip it to the plot area (and drop points that overflowed to ±∞/NaN).
        // The id only has to be unique within a page; derive it from the path so the same figure renders the same text.
        string clip = "nn-ls-clip-" + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(
            System.Text.Encoding.UTF8.GetBytes(string.Join(";", path.Select(p => FormattableString.Invariant($"{p.X:R},{p.Y:R}"))))))[..10];
        svg.Raw($"<clipPath id=\"{clip}\"><rect x=\"{Coord(area.Left)}\" y=\"{Coord(area.Top)}\" width=\"{Coord(area.Width)}\" height=\"{Coord(area.Height)}\"/></clipPath><g clip-path=\"url(#{clip})\">");
        DrawPathInside(svg, area, path.Where(p => double.IsFinite(p.X) && double.IsFinite(p.Y)).ToList(), f);
        svg.Raw("</g>");
    }

    private static void DrawPathInside(SvgWriter svg, PlotArea area, IReadOnlyList<(double X, double Y)> path, Func<double, double, double> f)
    {
        if (path.Count == 0) return;
        var pts = path.Select(p => (area.Px(p.X), area.Py(p.Y))).ToList();
        // A white halo under the red line keeps it readable on every band colour.
        svg.Polyline(pts, "#ffffff", 4.5);
        svg.Polyline(pts, Palette.Alert.Hex, 2);
        int every = Math.Max(1, path.Count / 25);   // at most ~25 arrowheads
        for (int i = 1; i < pts.Count; i++)
        {
            if (i % every != 0 && i != pts.Count - 1) continue;
            Arrowhead(svg, pts[i - 1], pts[i]);
        }
        for (int i = 0; i < pts.Count; i++)
            svg.Circle(pts[i].Item1, pts[i].Item2, i == 0 || i == pts.Count - 1 ? 4.5 : 2.5, Palette.Alert.Hex, "#ffffff", 1,
                $"step {i}: ({Value(path[i].X)}, {Value(path[i].Y)}), f = {Value(f(path[i].X, path[i].Y))}");
        Label(svg, pts[0], "start");
        if (pts.Count > 1) Label(svg, pts[^1], "end");
    }

    /// <summary>A small filled triangle at the middle of segment a → b, pointing along it.</summary>
    private static void Arrowhead(SvgWriter svg, (double X, double Y) a, (double X, double Y) b)
    {
        double dx = b.X - a.X, dy = b.Y - a.Y, len = Math.Sqrt(dx * dx + dy * dy);
        if (len < 9) return;   // too short to carry an arrow
        double ux = dx / len, uy = dy / len, mx = (a.X + b.X) / 2, my = (a.Y + b.Y) / 2;
        const double length = 7, half = 3.5;
        var tip = (mx + ux * length / 2, my + uy * length / 2);
        var l = (mx - ux * length / 2 - uy * half, my - uy * length / 2 + ux * half);
        var r = (mx - ux * length / 2 + uy * half, my - uy * length / 2 - ux * half);
        svg.Path($"M{Coord(tip.Item1)} {Coord(tip.Item2)}L{Coord(l.Item1)} {Coord(l.Item2)}L{Coord(r.Item1)} {Coord(r.Item2)}Z", Palette.Alert.Hex);
    }

    private static void Label(SvgWriter svg, (double X, double Y) p, string text)
    {
        // Halo first (white, thick stroke), then the text, so the label reads on any band.
        svg.Raw($"<text x=\"{Coord(p.X + 8)}\" y=\"{Coord(p.Y - 8)}\" font-size=\"12\" font-weight=\"600\" stroke=\"#ffffff\" stroke-width=\"3\" stroke-linejoin=\"round\" fill=\"#ffffff\">{text}</text>");
        svg.Text(p.X + 8, p.Y - 8, text, "start", 12, Palette.Ink.Hex, "600");
    }

    /// <summary>A discrete colour bar: one block per band, labelled with the level values between them.</summary>
    private static string BandScale(double[] levels)
    {
        int bands = levels.Length + 1;
        double blockH = Math.Min(28, (Size - 20) / bands);
        var sb = new StringBuilder();
        sb.Append($"<text x=\"0\" y=\"8\" font-size=\"11\" font-weight=\"600\" fill=\"{Palette.MutedInk.Hex}\">loss</text>");
        int labelEvery = bands > 14 ? 2 : 1;
        for (int b = 0; b < bands; b++)
        {
            double y = 16 + (bands - 1 - b) * blockH;   // low loss at the bottom
            sb.Append($"<rect x=\"0\" y=\"{Coord(y)}\" width=\"14\" height=\"{Coord(blockH)}\" fill=\"{BandColor(b, bands).Hex}\"/>");
            if (b < levels.Length && b % labelEvery == 0)
                sb.Append($"<text x=\"18\" y=\"{Coord(y)}\" font-size=\"10\" dominant-baseline=\"middle\" fill=\"{Palette.MutedInk.Hex}\">{Escape(Value(levels[b]))}</text>");
        }
        sb.Append($"<rect x=\"0\" y=\"16\" width=\"14\" height=\"{Coord(bands * blockH)}\" fill=\"none\" stroke=\"{Palette.MutedInk.Hex}\" stroke-width=\"0.5\"/>");
        return sb.ToString();
    }
}
