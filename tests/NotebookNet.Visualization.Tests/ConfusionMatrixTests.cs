using System.Xml.Linq;

namespace NotebookNet.Visualization.Tests;

public sealed class ConfusionMatrixTests
{
    //                 true:  0  0  0  1  1  2  2  2  2  2
    private static readonly int[] True = [0, 0, 0, 1, 1, 2, 2, 2, 2, 2];
    private static readonly int[] Predicted = [0, 0, 1, 1, 1, 2, 2, 2, 0, 1];
    private static readonly string[] Classes = ["cat", "dog", "bird"];

    [Fact]
    public void Counts_pairs_of_true_and_predicted_labels()
    {
        var cm = new ConfusionMatrix(True, Predicted, Classes);

        Assert.Equal(2, cm[0, 0]);
        Assert.Equal(1, cm[0, 1]);
        Assert.Equal(2, cm[1, 1]);
        Assert.Equal(1, cm[2, 0]);
        Assert.Equal(1, cm[2, 1]);
        Assert.Equal(3, cm[2, 2]);
        Assert.Equal(7, cm.Correct);
        Assert.Equal(0.7, cm.Accuracy, 12);
        Assert.Equal(3.0 / 5, cm.Recall(2), 12);
        Assert.Equal(2.0 / 4, cm.Precision(1), 12);
    }

    [Fact]
    public void Every_svg_cell_shows_its_count_in_row_major_order()
    {
        var svg = Decoded.Svg(ConfusionMatrixRenderer.ToSvg(new ConfusionMatrix(True, Predicted, Classes)));

        var cells = svg.Descendants(Decoded.SvgNs + "rect")
            .Where(r => r.Element(Decoded.SvgNs + "title") is not null)
            .Select(r => (Title: r.Element(Decoded.SvgNs + "title")!.Value, Text: ((XElement)r.NextNode!).Value))
            .ToList();
        Assert.Equal(9, cells.Count);
        Assert.Equal(["2", "1", "0", "0", "2", "0", "1", "1", "3"], cells.Select(c => c.Text));
        Assert.Equal("true bird, predicted cat: 1", cells[6].Title);
    }

    [Fact]
    public void The_html_gives_accuracy_and_the_most_frequent_mistakes()
    {
        string html = ConfusionMatrixRenderer.ToHtml(True, Predicted, Classes);

        Assert.Contains("accuracy 70.0% (7 of 10)", html);
        Assert.Contains("cat → dog (1)", html);
        Assert.Single(Decoded.InlineSvgs(html));
    }

    [Fact]
    public void Large_counts_get_thousands_separators()
    {
        int[] labels = Enumerable.Repeat(1, 1234).ToArray();

        var svg = Decoded.Svg(ConfusionMatrixRenderer.ToSvg(new ConfusionMatrix(labels, labels, 2)));

        Assert.Contains(svg.Descendants(Decoded.SvgNs + "text"), t => t.Value == "1,234");
    }

    [Fact]
    public void A_label_outside_the_classes_is_named_in_the_error()
    {
        var e = Assert.Throws<ArgumentException>(() => new ConfusionMatrix([0, 3], [0, 1], Classes));

        Assert.Contains("True label 3 at index 1", e.Message);
    }

    [Fact]
    public void Different_lengths_are_refused()
    {
        var e = Assert.Throws<ArgumentException>(() => new ConfusionMatrix([0, 1], [0], Classes));

        Assert.Contains("2 true labels and 1 predictions", e.Message);
    }
}
