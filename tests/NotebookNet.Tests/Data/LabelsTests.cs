using NotebookNet.Data;

namespace NotebookNet.Tests.Data;

public sealed class LabelsTests
{
    [Fact]
    public void OneHot_puts_a_single_one_in_each_row_at_the_label()
    {
        Tensor y = Labels.OneHot([2, 0, 1, 2], classes: 3);

        Assert.Equal([4, 3], y.Shape);
        Assert.Equal(new float[]
        {
            0, 0, 1,
            1, 0, 0,
            0, 1, 0,
            0, 0, 1,
        }, y.Data);
    }

    [Fact]
    public void OneHot_of_no_labels_is_an_empty_batch()
    {
        Tensor y = Labels.OneHot([], classes: 10);

        Assert.Equal([0, 10], y.Shape);
    }

    [Theory]
    [InlineData(10)]
    [InlineData(-1)]
    public void A_label_outside_the_classes_is_rejected_naming_its_index_and_value(int bad)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Labels.OneHot([3, 7, bad], classes: 10));

        Assert.Contains($"labels[2] = {bad}", e.Message);
        Assert.Contains("0..9", e.Message);
    }

    [Fact]
    public void Zero_classes_are_rejected_echoing_the_value()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Labels.OneHot([0], classes: 0));

        Assert.Contains("classes = 0", e.Message);
    }
}
