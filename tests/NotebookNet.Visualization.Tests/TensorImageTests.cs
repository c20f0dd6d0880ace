namespace NotebookNet.Visualization.Tests;

public sealed class TensorImageTests
{
    [Fact]
    public void A_grayscale_png_is_the_tensor_upscaled_by_the_scale_factor()
    {
        var image = new Tensor(28, 28, 1);

        var png = Decoded.Png(TensorImage.Grayscale(image, scale: 8).ToPng());

        Assert.Equal((224, 224), (png.Width, png.Height));
    }

    [Fact]
    public void Input_one_is_white_zero_is_black_and_a_half_is_mid_gray()
    {
        var image = new Tensor([0f, 1f, 0.5f, 7f], 2, 2);   // 7 lies outside [0, 1] and is clipped to white

        var png = Decoded.Png(TensorImage.Grayscale(image, scale: 4).ToPng());

        Assert.Equal((0, 0, 0), png[1, 1]);
        Assert.Equal((255, 255, 255), png[5, 1]);
        Assert.Equal((128, 128, 128), png[1, 5]);
        Assert.Equal((255, 255, 255), png[5, 5]);
    }

    [Fact]
    public void Upscaling_is_nearest_neighbour_so_every_value_is_a_solid_block()
    {
        var kernel = new Tensor([-1f, 0f, 1f, 0.5f, -0.5f, 0f, 1f, 1f, -1f], 3, 3);

        var png = Decoded.Png(TensorImage.Diverging(kernel, scale: 10).ToPng());

        Assert.Equal((30, 30), (png.Width, png.Height));
        for (int r = 0; r < 3; r++)
            for (int c = 0; c < 3; c++)
                for (int dy = 0; dy < 10; dy++)
                    for (int dx = 0; dx < 10; dx++)
                        Assert.Equal(png[c * 10, r * 10], png[c * 10 + dx, r * 10 + dy]);
    }

    [Fact]
    public void Zero_weight_is_white_positive_is_red_and_negative_is_blue()
    {
        var weights = new Tensor([0f, 0.8f, -0.8f, 2f], 2, 2);   // limit ±2

        var png = Decoded.Png(TensorImage.Diverging(weights, scale: 1).ToPng());

        Assert.Equal((255, 255, 255), png[0, 0]);
        var (r, g, b) = png[1, 0];
        Assert.True(r > g + 40 && r > b + 40, $"+0.8 should be red-ish, got ({r}, {g}, {b})");
        (r, g, b) = png[0, 1];
        Assert.True(b > r + 40 && b > g, $"−0.8 should be blue-ish, got ({r}, {g}, {b})");
        Assert.Equal((0x67, 0x00, 0x1f), png[1, 1]);   // +limit is the map's darkest red
    }

    [Fact]
    public void Diverging_limits_are_symmetric_about_zero()
    {
        // Only positive values: −max would be the darkest blue, so +0 must still be white.
        var weights = new Tensor([0f, 0.25f, 0.5f, 1f], 1, 4);

        var png = Decoded.Png(TensorImage.Diverging(weights, scale: 1).ToPng());

        Assert.Equal((255, 255, 255), png[0, 0]);
    }

    [Fact]
    public void A_flat_mnist_row_is_drawn_as_a_square()
    {
        var row = new Tensor(784);

        var png = Decoded.Png(TensorImage.Grayscale(row, scale: 2).ToPng());

        Assert.Equal((56, 56), (png.Width, png.Height));
    }

    [Fact]
    public void Several_channels_are_refused_with_the_shape_received()
    {
        var e = Assert.Throws<ArgumentException>(() => TensorImage.Grayscale(new Tensor(4, 4, 3)));
        Assert.Contains("[4, 4, 3]", e.Message);
    }

    [Fact]
    public void The_html_figure_embeds_the_png_crisp_and_a_colour_scale()
    {
        var kernel = new Tensor([-1f, 0f, 1f, 0.5f], 2, 2);

        string html = TensorImage.DivergingHtml(kernel, scale: 8, caption: "filter 3");

        Assert.Contains("image-rendering:pixelated", html);
        var png = Assert.Single(Decoded.EmbeddedPngs(html));
        Assert.Equal((16, 16), (png.Width, png.Height));
        var scale = Assert.Single(Decoded.InlineSvgs(html));
        var labels = scale.Descendants(Decoded.SvgNs + "text").Select(t => t.Value).ToList();
        Assert.Equal(["1", "-1", "0"], labels);
        Assert.Contains("filter 3", html);
        Assert.Contains("±1", html);
    }

    [Fact]
    public void The_grayscale_figure_says_when_values_were_clipped()
    {
        var raw = Tensor.Full(255f, 2, 2);

        Assert.Contains("clipped", TensorImage.GrayscaleHtml(raw));
        Assert.DoesNotContain("clipped", TensorImage.GrayscaleHtml(Tensor.Full(1f, 2, 2)));
    }
}

public sealed class TensorImageValuesTests
{
    [Fact]
    public void A_small_filter_can_show_its_weights_as_numbers_too()
    {
        var kernel = new Tensor([-1f, 0f, 0.5f, 0.25f], 2, 2);

        string html = TensorImage.DivergingHtml(kernel, scale: 40, showValues: true);

        var picture = Decoded.InlineSvgs(html)[0];
        var numbers = picture.Descendants(Decoded.SvgNs + "text").Select(t => t.Value).ToList();
        Assert.Equal(["-1.00", "0.00", "0.50", "0.25"], numbers);
        Assert.Single(Decoded.EmbeddedPngs(html));
    }

    [Fact]
    public void Values_are_left_out_when_the_squares_are_too_small_to_hold_them()
    {
        string html = TensorImage.DivergingHtml(new Tensor(3, 3), scale: 8, showValues: true);

        Assert.Single(Decoded.InlineSvgs(html));   // only the colour scale
    }
}
