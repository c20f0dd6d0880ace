using NotebookNet.Data;

namespace NotebookNet.Visualization.Tests;

public sealed class TensorPreviewTests
{
    [Fact]
    public void A_batch_of_mnist_images_shows_the_first_eight_digits()
    {
        var train = Mnist.Load(trainCount: 20, testCount: 1).Train;

        string html = TensorPreview.ToHtml(train.Images);

        var pngs = Decoded.EmbeddedPngs(html);
        Assert.Equal(8, pngs.Count);
        Assert.All(pngs, p => Assert.Equal((84, 84), (p.Width, p.Height)));
        Assert.Contains("Tensor [20, 28, 28, 1]", html);
        Assert.Contains("15,680 values", html);
        Assert.Contains("The first 8 of 20 samples.", html);
    }

    [Fact]
    public void One_image_is_shown_alone_in_grayscale()
    {
        var image = new Tensor(28, 28, 1);
        image[3, 4, 0] = 1;

        var png = Assert.Single(Decoded.EmbeddedPngs(TensorPreview.ToHtml(image)));

        Assert.Equal((168, 168), (png.Width, png.Height));
        Assert.Equal((255, 255, 255), png[4 * 6 + 2, 3 * 6 + 2]);
        Assert.Equal((0, 0, 0), png[0, 0]);
    }

    [Fact]
    public void A_small_matrix_is_a_table_of_its_values_shaded_by_sign()
    {
        var w = Tensor.FromRows([[0.5f, -0.25f], [0f, 1f]]);

        string html = TensorPreview.ToHtml(w);

        Assert.Contains(">0.5</td>", html);
        Assert.Contains(">-0.25</td>", html);
        Assert.Contains($"background:{ColorMap.Diverging.At(1.0).Hex}", html);   // the largest value: darkest red
        Assert.Contains("background:#ffffff", html);                             // zero: white
        Assert.Empty(Decoded.EmbeddedPngs(html));
    }

    [Fact]
    public void Activations_of_one_sample_show_every_channel()
    {
        string html = TensorPreview.ToHtml(new Tensor(1, 6, 6, 4));

        var svg = Assert.Single(Decoded.InlineSvgs(html));
        Assert.Equal(4, svg.Descendants(Decoded.SvgNs + "text").Count(t => t.Value.StartsWith("ch ")));
    }

    [Fact]
    public void Statistics_count_values_that_are_not_finite()
    {
        string html = TensorPreview.ToHtml(new Tensor([1f, float.NaN, 3f], 3));

        Assert.Contains("min 1 · max 3 · mean 2 · 1 NaN/∞", html);
    }
}
