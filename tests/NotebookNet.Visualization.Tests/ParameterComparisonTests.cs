using System.Globalization;
using System.Text.RegularExpressions;

namespace NotebookNet.Visualization.Tests;

public sealed class ParameterComparisonTests
{
    // The lecture's ladder for a 100×100 image, 100 hidden neurons and 3 outputs.
    private static readonly ParameterCountEntry[] Ladder =
    [
        new("dense", 100 * 100 * (100 + 1) + (100 + 1) * 3, "100·100·(100 + 1) + (100 + 1)·3"),
        new("localized", 25 * 25 * (25 + 1) * 4 + (100 + 1) * 3, "25·25·(25 + 1)·4 + (100 + 1)·3"),
        new("shared", 25 * 25 * (25 + 1) + (100 + 1) * 3, "25·25·(25 + 1) + (100 + 1)·3"),
    ];

    [Fact]
    public void Html_shows_the_exact_counts_of_the_lecture_ladder()
    {
        string html = ParameterComparison.ToHtml(Ladder);

        Assert.Contains(">1,010,303<", html);
        Assert.Contains(">65,303<", html);
        Assert.Contains(">16,553<", html);
        Assert.Contains("15× fewer", html);   // 1,010,303 / 65,303 = 15.5
        Assert.Contains("61× fewer", html);   // 1,010,303 / 16,553 = 61.0
    }

    [Fact]
    public void Html_bars_share_one_linear_scale()
    {
        string html = ParameterComparison.ToHtml(Ladder);

        double[] widths = Regex.Matches(html, @"width:([0-9.]+)px;background")
            .Select(m => double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(3, widths.Length);
        Assert.Equal(360, widths[0]);
        Assert.Equal(65_303.0 / 1_010_303 * 360, widths[1], 0.01);
        Assert.Equal(16_553.0 / 1_010_303 * 360, widths[2], 0.01);
    }

    [Fact]
    public void Counts_can_come_from_model_summaries()
    {
        var convnet = ModelSummaryRendererTests.KerasConvnet();
        var entry = ParameterCountEntry.FromSummary("convnet", convnet);

        Assert.Equal(34_826, entry.Count);
        Assert.Equal("320 conv2d + 18,496 conv2d_1 + 16,010 dense", entry.Formula);
        Assert.Contains(">34,826<", ParameterComparison.ToHtml([("convnet", convnet)]));
    }

    [Fact]
    public void An_empty_list_is_refused_with_a_clear_message()
    {
        var e = Assert.Throws<ArgumentException>(() => ParameterComparison.ToHtml(Array.Empty<ParameterCountEntry>()));
        Assert.Contains("at least one model", e.Message);
    }
}
