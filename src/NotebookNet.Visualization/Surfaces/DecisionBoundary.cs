using System.Globalization;
using System.Text;
using NotebookNet.Visualization.Internal;
using static NotebookNet.Visualization.Internal.Format;

namespace NotebookNet.Visualization;

/// <summary>What a decision-boundary figure shows besides the data; every property has a sensible default.</summary>
public sealed record DecisionBoundaryOptions
{
    /// <summary>x range; null pads the data's range by 10 %.</summary>
    public (double Min, double Max)? XRange { get; init; }

    /// <summary>y range; null pads the data's range by 10 %.</summary>
    public (double Min, double Max)? YRange { get; init; }

    /// <summary>Grid points per side at which the model is evaluated (default 160).</summary>
    public int Resolution { get; init; } = 160;

    /// <summary>For a single output: values at or above it are class 1 (default 0.5, a probability).</summary>
    public double Threshold { get; init; } = 0.5;

    /// <summary>Axis titles.</summary>
    public string XLabel { get; init; } = "x₁";

    /// <summary>Axis titles.</summary>
    public string YLabel { get; init; } = "x₂";

    /// <summary>Class names for the legend; null uses "class 0", "class 1", ….</summary>
    public IReadOnlyList<string>? ClassNames { get; init; }

    /// <summary>Figure title.</summary>
    public string Title { get; init; } = "Decision boundary";
}

/// <summary>
/// The decision regions of a two-input model with the data on top: the plane is coloured by the predicted
/// class (paler where the model is less sure), the boundary of a single-output model is drawn as a line, and
/// each point is a dot in its true class's colour, ringed in red where the model gets it wrong.
/// </summary>
/// <example><code>
/// // A perceptron's probability of class 1 at (x1, x2):
/// string html = DecisionBoundary.ToHtml((x1, x2) => model.Predict(Tensor.FromRows([[x1, x2]]))[0, 0], xor, labels);
/// // Or a batch predictor, e.g. model.Predict, for [M, 2] → [M, 1] or [M, classes]:
/// string html2 = DecisionBoundary.ToHtml(model.Predict, points, labels);
/// </code></example>
public static class DecisionBoundary
{
    private const double Size = 380, Left = 64, Top = 16;

    /// <summary>SVG for a scalar model: <paramref name="predict"/>(x, y) is the output, compared with the threshold.</summary>
    public static string ToSvg(Func<float, float, float> predict, Tensor points, IReadOnlyList<int> labels, DecisionBoundaryOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(predict);
        return ToSvg(Batch(predict), points, labels, options);
    }

    /// <summary>SVG for a batch model: [M, 2] inputs → [M] or [M, 1] (threshold) or [M, classes] (arg max) outputs.</summary>
    public static string ToSvg(Func<Tensor, Tensor> predict, Tensor points, IReadOnlyList<int> labels, DecisionBoundaryOptions? options = null) =>
        Render(predict, points, labels, options ?? new DecisionBoundaryOptions()).Svg;

    /// <summary>HTML figure for a scalar model (see <see cref="ToSvg(Func{float, float, float}, Tensor, IReadOnlyList{int}, DecisionBoundaryOptions?)"/>).</summary>
    public static string ToHtml(Func<float, float, float> predict, Tensor points, IReadOnlyList<int> labels, DecisionBoundaryOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(predict);
        return ToHtml(Batch(predict), points, labels, options);
    }

    /// <summary>HTML figure for a batch model: title, the SVG, and how many points lie on the right side.</summary>
    public static string ToHtml(Func<Tensor, Tensor> predict, Tensor points, IReadOnlyList<int> labels, DecisionBoundaryOptions? options = null)
    {
        options ??= new DecisionBoundaryOptions();
        var result = Render(predict, points, labels, options);
        string note = $"{result.Correct} of {labels.Count} points are on their class's side" +
                      (result.Correct < labels.Count ? " (red rings mark the others)." : ".");
        return $"<div class=\"nn-decision-boundary\" style=\"{Html.Card()}\">{Html.Title(Escape(options.Title))}{result.Svg}{Html.Note(note)}</div>";
    }

    /// <summary>The coloured regions alone as an image of Resolution × Resolution pixels (top row = largest y).</summary>
    public static RgbImage RegionImage(Func<Tensor, Tensor> predict, Tensor points, DecisionBoundaryOptions? options = null)
    {
        options ??= new DecisionBoundaryOptions();
        var area = Area(points, options);
        return Field(predict, area, options).Image;
    }

    private sealed record Result(string Svg, int Correct);

    private sealed record Grid(RgbImage Image, double[,]? Score, double Threshold);

    private static Result Render(Func<Tensor, Tensor> predict, Tensor points, IReadOnlyList<int> labels, DecisionBoundaryOptions options)
    {
        ArgumentNullException.ThrowIfNull(predict);
        ArgumentNullException.ThrowIfNull(labels);
        if (labels.Count != points.Shape[0])
            throw new ArgumentException($"DecisionBoundary needs one label per point; received {points.Shape[0]} points and {labels.Count} labels.", nameof(labels));
        var area = Area(points, options);
        var grid = Field(predict, area, options);
        int[] predicted = Classify(predict(points), options.Threshold, "the points");
        int classes = Math.Max(labels.DefaultIfEmpty(0).Max() + 1, 2);

        var svg = new SvgWriter(Left + Size + 150, Top + Size + 52, options.Title);
        svg.Image(area.Left, area.Top, area.Width, area.Height, grid.Image, pixelated: false);
        if (grid.Score is not null)
        {
            // The boundary: where the output crosses the threshold, traced on the evaluation grid.
            int n = options.Resolution;
            var d = new StringBuilder();
            foreach (var (x1, y1, x2, y2) in MarchingSquares.Segments(grid.Score, grid.Threshold))
                d.Append($"M{Coord(area.Left + (x1 + 0.5) / n * area.Width)} {Coord(area.Top + (y1 + 0.5) / n * area.Height)}" +
                         $"L{Coord(area.Left + (x2 + 0.5) / n * area.Width)} {Coord(area.Top + (y2 + 0.5) / n * area.Height)}");
            if (d.Length > 0) svg.Path(d.ToString(), "none", Palette.Ink.Hex, 1.6, "stroke-linecap=\"round\"");
        }
        int correct = 0;
        for (int i = 0; i < labels.Count; i++)
        {
            double x = points[i, 0], y = points[i, 1];
            if (x < area.XMin || x > area.XMax || y < area.YMin || y > area.YMax) { correct += predicted[i] == labels[i] ? 1 : 0; continue; }
            bool right = predicted[i] == labels[i];
            correct += right ? 1 : 0;
            string name = ClassName(options, labels[i]);
            if (!right) svg.Circle(area.Px(x), area.Py(y), 8, "none", Palette.Alert.Hex, 2);
            svg.Circle(area.Px(x), area.Py(y), 5, Palette.Class(labels[i]).Hex, "#222222", 1,
                $"({Value(x)}, {Value(y)}): {name}, predicted {ClassName(options, predicted[i])}");
        }
        area.DrawAxes(svg, options.XLabel, options.YLabel);
        Legend(svg, options, classes, grid.Score is not null, correct < labels.Count);
        return new Result(svg.ToString(), correct);
    }

    private static void Legend(SvgWriter svg, DecisionBoundaryOptions options, int classes, bool boundaryLine, bool anyWrong)
    {
        double x = Left + Size + 18, y = Top + 10;
        for (int c = 0; c < classes; c++, y += 22)
        {
            svg.Circle(x + 6, y, 5, Palette.Class(c).Hex, "#222222", 1);
            svg.Text(x + 18, y, ClassName(options, c), "start", 12, Palette.Ink.Hex, baseline: "middle");
        }
        if (boundaryLine)
        {
            svg.Line(x, y, x + 14, y, Palette.Ink.Hex, 1.6);
            svg.Text(x + 18, y, "boundary", "start", 12, Palette.Ink.Hex, baseline: "middle");
            y += 22;
        }
        if (!anyWrong) return;
        svg.Circle(x + 6, y, 7, "none", Palette.Alert.Hex, 2);
        svg.Text(x + 18, y, "wrong side", "start", 12, Palette.Ink.Hex, baseline: "middle");
    }

    private static string ClassName(DecisionBoundaryOptions o, int c) =>
        o.ClassNames is { } names && c >= 0 && c < names.Count ? names[c] : "class " + c.ToString(CultureInfo.InvariantCulture);

    private static PlotArea Area(Tensor points, DecisionBoundaryOptions options)
    {
        ArgumentNullException.ThrowIfNull(points);
        if (points.Rank != 2 || points.Shape[1] != 2)
            throw new ArgumentException($"DecisionBoundary draws two-input problems: points must have shape [N, 2]; received {points.ShapeString}.", nameof(points));
        if (options.Resolution is < 8 or > 1000)
            throw new ArgumentOutOfRangeException(nameof(options), $"Resolution must be between 8 and 1000 grid points per side; received {options.Resolution}.");
        var xs = Enumerable.Range(0, points.Shape[0]).Select(i => (double)points[i, 0]).Where(double.IsFinite).DefaultIfEmpty(0).ToList();
        var ys = Enumerable.Range(0, points.Shape[0]).Select(i => (double)points[i, 1]).Where(double.IsFinite).DefaultIfEmpty(0).ToList();
        var xr = options.XRange ?? PlotArea.Padded(xs.Min(), xs.Max());
        var yr = options.YRange ?? PlotArea.Padded(ys.Min(), ys.Max());
        PlotArea.CheckRange(xr, nameof(options.XRange));
        PlotArea.CheckRange(yr, nameof(options.YRange));
        return new PlotArea(Left, Top, Size, Size, xr.Min, xr.Max, yr.Min, yr.Max);
    }

    /// <summary>Evaluates the model on the grid and colours each cell by class, paler where it is less sure.</summary>
    private static Grid Field(Func<Tensor, Tensor> predict, PlotArea area, DecisionBoundaryOptions options)
    {
        int n = options.Resolution;
        var inputs = new Tensor(n * n, 2);
        for (int j = 0; j < n; j++)
            for (int i = 0; i < n; i++)
            {
                inputs[j * n + i, 0] = (float)area.XAt(i, n);
                inputs[j * n + i, 1] = (float)area.YAt(j, n);
            }
        Tensor output = predict(inputs);
        var image = new RgbImage(n, n, Rgb.White);
        if (IsSingleOutput(output, n * n))
        {
            // One output: the class is the side of the threshold; the strength how far from it, relative to the farthest.
            var score = new double[n, n];
            double farthest = 0;
            for (int k = 0; k < n * n; k++)
            {
                score[k / n, k % n] = output.Data[k];
                if (float.IsFinite(output.Data[k])) farthest = Math.Max(farthest, Math.Abs(output.Data[k] - options.Threshold));
            }
            for (int k = 0; k < n * n; k++)
            {
                double v = output.Data[k];
                int cls = v >= options.Threshold ? 1 : 0;
                double strength = farthest > 0 ? Math.Abs(v - options.Threshold) / farthest : 0;
                image[k % n, k / n] = Tint(cls, strength);
            }
            return new Grid(image, score, options.Threshold);
        }
        int classes = CheckOutput(output, n * n, "the grid");
        for (int k = 0; k < n * n; k++)
        {
            int best = 0;
            for (int c = 1; c < classes; c++)
                if (output.Data[k * classes + c] > output.Data[k * classes + best]) best = c;
            // Confidence above chance (1 / classes), scaled to 0..1.
            double strength = (output.Data[k * classes + best] - 1.0 / classes) / (1 - 1.0 / classes);
            image[k % n, k / n] = Tint(best, strength);
        }
        return new Grid(image, null, options.Threshold);
    }

    private static Rgb Tint(int cls, double strength) => Rgb.Lerp(Rgb.White, Palette.Class(cls), 0.12 + 0.38 * Math.Clamp(strength, 0, 1));

    private static int[] Classify(Tensor output, double threshold, string what)
    {
        int n = output.Shape[0];
        if (IsSingleOutput(output, n))
            return output.Data.Select(v => v >= threshold ? 1 : 0).ToArray();
        CheckOutput(output, n, what);
        return output.ArgMaxRows();
    }

    private static bool IsSingleOutput(Tensor output, int rows) =>
        (output.Rank == 1 && output.Shape[0] == rows) || (output.Rank == 2 && output.Shape[0] == rows && output.Shape[1] == 1);

    private static int CheckOutput(Tensor output, int rows, string what)
    {
        if (output.Rank != 2 || output.Shape[0] != rows || output.Shape[1] < 2)
            throw new ArgumentException(
                $"The predictor must return [M], [M, 1] or [M, classes] for M = {rows} inputs ({what}); it returned {output.ShapeString}.");
        return output.Shape[1];
    }

    private static Func<Tensor, Tensor> Batch(Func<float, float, float> predict) => inputs =>
    {
        int m = inputs.Shape[0];
        var result = new Tensor(m);
        for (int k = 0; k < m; k++) result.Data[k] = predict(inputs.Data[2 * k], inputs.Data[2 * k + 1]);
        return result;
    };
}
