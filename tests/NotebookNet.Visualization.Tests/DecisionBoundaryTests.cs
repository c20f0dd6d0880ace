using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace NotebookNet.Visualization.Tests;

public sealed class DecisionBoundaryTests
{
    private static readonly Tensor AndInputs = Tensor.FromRows([[0, 0], [0, 1], [1, 0], [1, 1]]);
    private static readonly int[] AndLabels = [0, 0, 0, 1];

    private static IEnumerable<XElement> Circles(XDocument svg) => svg.Descendants(Decoded.SvgNs + "circle");

    [Fact]
    public void The_region_takes_each_classes_colour_on_its_side_of_the_threshold()
    {
        var options = new DecisionBoundaryOptions { XRange = (0, 1), YRange = (0, 1), Resolution = 20 };

        var image = DecisionBoundary.RegionImage(t => new Tensor([.. Enumerable.Range(0, t.Shape[0]).Select(k => t[k, 0])], t.Shape[0]), AndInputs, options);

        Assert.Equal((20, 20), (image.Width, image.Height));
        var left = image[0, 10];
        var right = image[19, 10];
        Assert.True(left.B > left.R, $"x < 0.5 is class 0 (blue), got {left}");
        Assert.True(right.R > right.B, $"x ≥ 0.5 is class 1 (orange), got {right}");
    }

    [Fact]
    public void The_boundary_line_lies_where_the_output_crosses_the_threshold()
    {
        var options = new DecisionBoundaryOptions { XRange = (0, 1), YRange = (0, 1), Resolution = 40 };

        var svg = Decoded.Svg(DecisionBoundary.ToSvg((x, y) => x, AndInputs, AndLabels, options));

        // The plot is 380 px wide starting at x = 64: x = 0.5 is at 254.
        var boundary = svg.Descendants(Decoded.SvgNs + "path").Single(p => p.Attribute("stroke-width")?.Value == "1.6");
        var xs = Regex.Matches(boundary.Attribute("d")!.Value, @"[ML]([0-9.]+) ").Select(m => double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToList();
        Assert.NotEmpty(xs);
        Assert.All(xs, x => Assert.InRange(x, 254 - 5, 254 + 5));
    }

    [Fact]
    public void A_perceptron_that_solves_and_has_every_point_on_its_side()
    {
        string html = DecisionBoundary.ToHtml((x, y) => x + y - 1.5f >= 0 ? 1 : 0, AndInputs, AndLabels);

        Assert.Contains("4 of 4 points are on their class's side.", html);
        var svg = Decoded.InlineSvgs(html).Single();
        Assert.Equal(4, Circles(svg).Count(c => c.Element(Decoded.SvgNs + "title") is not null));
        Assert.DoesNotContain(Circles(svg), c => c.Attribute("fill")?.Value == "none");   // no red rings
    }

    [Fact]
    public void Points_on_the_wrong_side_get_a_red_ring()
    {
        // An OR perceptron on AND's labels: (0, 1) and (1, 0) fall on the wrong side.
        string html = DecisionBoundary.ToHtml((x, y) => x + y - 0.5f >= 0 ? 1 : 0, AndInputs, AndLabels);

        Assert.Contains("2 of 4 points", html);
        var svg = Decoded.InlineSvgs(html).Single();
        Assert.Equal(2 + 1, Circles(svg).Count(c => c.Attribute("fill")?.Value == "none" && c.Attribute("stroke")?.Value == Palette.Alert.Hex)); // + legend
    }

    [Fact]
    public void A_batch_predictor_with_several_classes_colours_by_the_most_probable_class()
    {
        var points = Tensor.FromRows([[-1, 0], [1, 0], [0, 1]]);
        // Class = 0 left of x = 0, else 1 below y = 0.5, else 2.
        Func<Tensor, Tensor> predict = t =>
        {
            var p = new Tensor(t.Shape[0], 3);
            for (int k = 0; k < t.Shape[0]; k++) p[k, t[k, 0] < 0 ? 0 : t[k, 1] < 0.5f ? 1 : 2] = 1;
            return p;
        };
        var options = new DecisionBoundaryOptions { XRange = (-1, 1), YRange = (-1, 1), Resolution = 10 };

        var image = DecisionBoundary.RegionImage(predict, points, options);
        string html = DecisionBoundary.ToHtml(predict, points, [0, 1, 2], options with { ClassNames = ["a", "b", "c"] });

        Assert.Equal(Rgb.Lerp(Rgb.White, Palette.Class(0), 0.5), image[0, 5]);
        Assert.Equal(Rgb.Lerp(Rgb.White, Palette.Class(1), 0.5), image[9, 9]);
        Assert.Equal(Rgb.Lerp(Rgb.White, Palette.Class(2), 0.5), image[9, 0]);
        Assert.Contains("3 of 3 points", html);
        Assert.Contains(">c<", html);
    }

    [Fact]
    public void A_predictor_returning_the_wrong_shape_is_named_in_the_error()
    {
        var e = Assert.Throws<ArgumentException>(() => DecisionBoundary.ToSvg(t => new Tensor(3, 3), AndInputs, AndLabels));

        Assert.Contains("returned [3, 3]", e.Message);
    }

    [Fact]
    public void Points_need_two_coordinates()
    {
        var e = Assert.Throws<ArgumentException>(() => DecisionBoundary.ToSvg((x, y) => x, new Tensor(4, 3), AndLabels));

        Assert.Contains("[N, 2]", e.Message);
        Assert.Contains("[4, 3]", e.Message);
    }
}
