using NotebookNet.Visualization.Internal;

namespace NotebookNet.Visualization.Tests;

public sealed class LossSurfaceTests
{
    private static readonly Func<double, double, double> Bowl = (x, y) => x * x + 10 * y * y;

    private static List<(double X, double Y)> Descent(int steps, double rate)
    {
        var path = new List<(double X, double Y)> { (-4, 1.5) };
        for (int i = 0; i < steps; i++)
        {
            var (x, y) = path[^1];
            path.Add((x - rate * 2 * x, y - rate * 20 * y));
        }
        return path;
    }

    [Fact]
    public void The_svg_is_well_formed_with_a_dot_per_step_and_start_and_end_labels()
    {
        var path = Descent(10, 0.05);

        var svg = Decoded.Svg(LossSurface.ToSvg(Bowl, path, (-5, 5), (-2, 2)));

        var dots = svg.Descendants(Decoded.SvgNs + "circle").ToList();
        Assert.Equal(11, dots.Count);
        Assert.StartsWith("step 0: (-4, 1.5), f = 38.5", dots[0].Element(Decoded.SvgNs + "title")!.Value);
        var texts = svg.Descendants(Decoded.SvgNs + "text").Select(t => t.Value).ToList();
        Assert.Contains("start", texts);
        Assert.Contains("end", texts);
        Assert.Contains("w₁", texts);
    }

    [Fact]
    public void The_html_reports_the_loss_at_both_ends_of_the_path()
    {
        var path = Descent(2, 0.05);   // (-4, 1.5) → (-3.6, 0) → (-3.24, 0)

        string html = LossSurface.ToHtml(Bowl, path, (-5, 5), (-2, 2));

        Assert.Contains("2 steps: f went from 38.5 at (-4, 1.5) to 10.5 at (-3.24, 0).", html);
    }

    [Fact]
    public void Levels_split_the_sampled_values_into_equal_shares()
    {
        var grid = new double[10, 10];
        for (int r = 0; r < 10; r++)
            for (int c = 0; c < 10; c++)
                grid[r, c] = r * 10 + c;   // the values 0 … 99 once each

        double[] levels = LossSurface.Levels(grid, 4);

        Assert.Equal([20.0, 40, 60, 80], levels);
    }

    [Fact]
    public void Marching_squares_traces_a_straight_contour_between_grid_points()
    {
        var grid = new double[3, 3];
        for (int r = 0; r < 3; r++)
            for (int c = 0; c < 3; c++)
                grid[r, c] = c;   // f = column

        var segments = MarchingSquares.Segments(grid, 0.25);

        Assert.Equal(2, segments.Count);
        Assert.All(segments, s => { Assert.Equal(0.25, s.X1, 12); Assert.Equal(0.25, s.X2, 12); });
        Assert.Equal([0.0, 1.0], segments.Select(s => Math.Min(s.Y1, s.Y2)).Order());
    }

    [Fact]
    public void Marching_squares_closes_a_contour_around_a_peak()
    {
        var grid = new double[3, 3];
        grid[1, 1] = 1;   // one raised point

        var segments = MarchingSquares.Segments(grid, 0.5);

        // A diamond: one segment in each of the four cells around the peak, through the edge midpoints.
        Assert.Equal(4, segments.Count);
        var ends = segments.SelectMany(s => new[] { (s.X1, s.Y1), (s.X2, s.Y2) }).Distinct().OrderBy(p => p).ToList();
        Assert.Equal([(0.5, 1.0), (1.0, 0.5), (1.0, 1.5), (1.5, 1.0)], ends);
    }

    [Fact]
    public void A_range_with_min_not_below_max_is_refused()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => LossSurface.ToSvg(Bowl, [], (1, 1), (-1, 1)));

        Assert.Contains("(1, 1)", e.Message);
    }
}
