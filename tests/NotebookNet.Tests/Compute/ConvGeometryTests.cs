using NotebookNet.Compute;

namespace NotebookNet.Tests.Compute;

public sealed class ConvGeometryTests
{
    [Theory]
    // n, k, s, padding, out, padBefore
    [InlineData(28, 3, 1, Padding.Valid, 26, 0)]
    [InlineData(26, 2, 2, Padding.Valid, 13, 0)]
    [InlineData(13, 3, 1, Padding.Valid, 11, 0)]
    [InlineData(11, 2, 2, Padding.Valid, 5, 0)]        // ⌊(11 − 2)/2⌋ + 1: the last column is dropped
    [InlineData(100, 25, 75, Padding.Valid, 2, 0)]     // the lecture's localized detectors
    [InlineData(7, 3, 2, Padding.Valid, 3, 0)]
    [InlineData(3, 3, 1, Padding.Valid, 1, 0)]
    [InlineData(2, 3, 1, Padding.Valid, 0, 0)]         // does not fit: callers report it
    [InlineData(28, 3, 1, Padding.Same, 28, 1)]
    [InlineData(28, 3, 2, Padding.Same, 14, 0)]        // total pad 1 goes after (bottom/right), TensorFlow's rule
    [InlineData(7, 3, 2, Padding.Same, 4, 1)]          // total pad 2: one each side
    [InlineData(5, 2, 2, Padding.Same, 3, 0)]          // total pad 1, after
    [InlineData(4, 5, 1, Padding.Same, 4, 2)]          // kernel larger than the input: total pad 4
    [InlineData(6, 4, 1, Padding.Same, 6, 1)]          // even kernel: total pad 3, 1 before and 2 after
    [InlineData(8, 1, 3, Padding.Same, 3, 0)]
    public void Output_size_follows_the_valid_and_same_rules(int n, int k, int s, Padding padding, int expectedOut, int expectedPad)
    {
        var (output, padBefore) = ConvMath.OutputSize(n, k, s, padding);
        Assert.Equal(expectedOut, output);
        Assert.Equal(expectedPad, padBefore);
    }

    [Fact]
    public void Geometry_combines_both_directions_and_the_channels()
    {
        var g = ConvMath.Geometry(new Shape(7, 6, 3), (3, 2), (2, 1), Padding.Same, 8) with { Batch = 5 };
        Assert.Equal(new ConvGeometry(5, 7, 6, 3, 3, 2, 2, 1, 1, 0, 4, 6, 8), g);
        Assert.Equal(5 * 7 * 6 * 3, g.InputLength);
        Assert.Equal(5 * 4 * 6 * 8, g.OutputLength);
        Assert.Equal(3 * 2 * 3, g.PatchSize);
        Assert.Equal(-1, g.InputRow(0, 0));                // first window starts in the top padding row
        Assert.Equal(((2 * 7 + 3) * 6 + 4) * 3, g.InputOffset(2, 3, 4));
        Assert.Equal(((2 * 4 + 3) * 6 + 4) * 8, g.OutputOffset(2, 3, 4));
    }
}
