namespace NotebookNet.Visualization.Tests;

public sealed class FeatureMapsTests
{
    [Fact]
    public void Every_channel_becomes_a_tile_on_one_grayscale_scale()
    {
        var maps = new Tensor(1, 5, 5, 3);
        maps[0, 2, 3, 1] = 2f;          // the strongest activation → white
        maps[0, 0, 0, 2] = 1f;          // half of it → mid grey

        var png = Decoded.Png(FeatureMaps.ToImage(maps, scale: 4).ToPng());

        int pitch = 20 + 6;
        Assert.Equal((3 * pitch, pitch), (png.Width, png.Height));
        Assert.Equal((255, 255, 255), png[pitch + 3 + 3 * 4 + 1, 3 + 2 * 4 + 1]);
        Assert.Equal((128, 128, 128), png[2 * pitch + 3 + 1, 3 + 1]);
        Assert.Equal((0, 0, 0), png[3 + 1, 3 + 1]);
    }

    [Fact]
    public void Negative_activations_switch_to_the_diverging_map()
    {
        var maps = new Tensor([-1f, 0f, 0.5f, 1f], 2, 2, 1);

        var png = Decoded.Png(FeatureMaps.ToImage(maps, scale: 2).ToPng());
        string html = FeatureMaps.ToHtml(maps);

        Assert.Equal((255, 255, 255), png[3 + 2, 3]);       // zero is white
        Assert.Contains("blue negative", html);
    }

    [Fact]
    public void The_svg_labels_each_channel_and_shows_the_input()
    {
        var input = Tensor.Full(0.5f, 1, 7, 7, 1);
        var maps = new Tensor(5, 5, 10);

        var svg = Decoded.Svg(FeatureMaps.ToSvg(maps, "conv2d", input));

        var texts = svg.Descendants(Decoded.SvgNs + "text").Select(t => t.Value).ToList();
        Assert.All(Enumerable.Range(0, 10), c => Assert.Contains($"ch {c}", texts));
        Assert.Contains("input", texts);
        Assert.Equal(1 + 2, svg.Descendants(Decoded.SvgNs + "image").Count());   // the input and two rows of tiles
    }

    [Fact]
    public void A_batch_of_several_inputs_is_refused()
    {
        var e = Assert.Throws<ArgumentException>(() => FeatureMaps.ToImage(new Tensor(2, 5, 5, 3)));
        Assert.Contains("[2, 5, 5, 3]", e.Message);
    }
}
