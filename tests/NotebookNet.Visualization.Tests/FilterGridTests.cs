namespace NotebookNet.Visualization.Tests;

public sealed class FilterGridTests
{
    // Tile pitch in the mosaic: tile + 1-pixel frame on each side + 4-pixel gap; content starts 3 pixels in.
    private static int Pitch(int tile) => tile + 6;

    [Fact]
    public void One_input_channel_wraps_the_filters_into_rows_of_eight()
    {
        var kernel = new Tensor(3, 3, 1, 32);

        var png = Decoded.Png(FilterGrid.ToImage(kernel, scale: 10).ToPng());

        Assert.Equal((8 * Pitch(30), 4 * Pitch(30)), (png.Width, png.Height));
    }

    [Fact]
    public void Each_weight_lands_in_its_filters_tile_at_its_position()
    {
        var kernel = new Tensor(3, 3, 1, 32);
        kernel[2, 1, 0, 13] = 0.5f;     // filter 13 → row 1, column 5; weight (2, 1)
        kernel[0, 0, 0, 0] = -0.5f;

        var png = Decoded.Png(FilterGrid.ToImage(kernel, scale: 10).ToPng());

        int x = 5 * Pitch(30) + 3 + 1 * 10 + 5, y = 1 * Pitch(30) + 3 + 2 * 10 + 5;
        Assert.Equal((0x67, 0x00, 0x1f), png[x, y]);            // +limit: darkest red
        Assert.Equal((0x05, 0x30, 0x61), png[3 + 5, 3 + 5]);    // −limit: darkest blue, filter 0's top-left weight
        Assert.Equal((255, 255, 255), png[x + 10, y]);          // a zero weight beside it is white
    }

    [Fact]
    public void Several_input_channels_give_a_row_per_filter_and_a_column_per_channel()
    {
        var kernel = new Tensor(2, 2, 3, 4);
        kernel[1, 0, 2, 3] = -1f;       // filter 3 → row 3; channel 2 → column 2; weight (1, 0)
        kernel[0, 0, 0, 0] = 1f;

        var png = Decoded.Png(FilterGrid.ToImage(kernel, scale: 5).ToPng());

        Assert.Equal((3 * Pitch(10), 4 * Pitch(10)), (png.Width, png.Height));
        Assert.Equal((0x05, 0x30, 0x61), png[2 * Pitch(10) + 3 + 2, 3 * Pitch(10) + 3 + 5 + 2]);
    }

    [Fact]
    public void The_svg_is_well_formed_and_numbers_every_filter()
    {
        var kernel = new Tensor(3, 3, 1, 32);

        var svg = Decoded.Svg(FilterGrid.ToSvg(kernel, "conv2d"));

        var texts = svg.Descendants(Decoded.SvgNs + "text").Select(t => t.Value).ToHashSet();
        Assert.All(Enumerable.Range(0, 32), f => Assert.Contains(f.ToString(), texts));
        Assert.Contains("weight", texts);
        Assert.Equal(4, svg.Descendants(Decoded.SvgNs + "image").Count());   // one strip per row of tiles
    }

    [Fact]
    public void The_svg_with_several_channels_labels_both_axes()
    {
        var svg = Decoded.Svg(FilterGrid.ToSvg(new Tensor(3, 3, 2, 5)));

        var texts = svg.Descendants(Decoded.SvgNs + "text").Select(t => t.Value).ToList();
        Assert.Contains("input channel →", texts);
        Assert.Contains("filter ↓", texts);
    }

    [Fact]
    public void The_html_names_the_layer_and_the_kernel_size()
    {
        string html = FilterGrid.ToHtml(new Tensor(3, 3, 1, 32), "conv2d");

        Assert.Contains("Filters of conv2d", html);
        Assert.Contains("32 filters of 3×3×1", html);
    }

    [Fact]
    public void A_tensor_that_is_not_a_kernel_is_refused_with_its_shape()
    {
        var e = Assert.Throws<ArgumentException>(() => FilterGrid.ToImage(new Tensor(3, 3, 32)));
        Assert.Contains("[3, 3, 32]", e.Message);
        Assert.Contains("[kernelHeight, kernelWidth, inputChannels, filters]", e.Message);
    }
}
