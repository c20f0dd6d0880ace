using NotebookNet.Layers;

namespace NotebookNet.Tests.Layers;

public sealed class GlobalAveragePooling2DTests
{
    [Fact]
    public void Each_channel_becomes_its_mean_over_the_image()
    {
        var gap = new GlobalAveragePooling2D();
        gap.Build(new Shape(2, 2, 2), new Random(0));
        var x = new Tensor([1f, 10f, 2f, 20f, 3f, 30f, 6f, 60f, /* sample 2 */ 0f, 0f, 0f, 0f, 0f, 0f, 4f, -4f], 2, 2, 2, 2);
        var y = gap.Forward(x, training: false);
        Assert.Equal([2, 2], y.Shape);
        Assert.Equal([3f, 30f, 1f, -1f], y.Data);
    }

    [Fact]
    public void Backward_gives_every_pixel_its_share_of_the_channels_gradient()
    {
        var gap = new GlobalAveragePooling2D();
        gap.Build(new Shape(2, 2, 2), new Random(0));
        gap.Forward(new Tensor(1, 2, 2, 2), training: true);
        var dx = gap.Backward(new Tensor([4f, -8f], 1, 2));
        Assert.Equal([1f, -2f, 1f, -2f, 1f, -2f, 1f, -2f], dx.Data);
    }

    [Theory]
    [InlineData(1, 3, 3, 1)]
    [InlineData(2, 5, 4, 3)]
    [InlineData(3, 1, 1, 7)]
    public void Gradients_match_central_differences(int batch, int h, int w, int c)
    {
        var gap = new GlobalAveragePooling2D();
        gap.Build(new Shape(h, w, c), new Random(0));
        GradientCheck.AssertGradientsMatch(gap, TestTensors.Uniform(6, batch, h, w, c));
    }

    [Fact]
    public void Before_a_dense_layer_it_makes_the_weight_count_independent_of_the_image_size()
    {
        foreach (int size in new[] { 28, 100 })
        {
            var model = new Sequential(new Shape(size, size, 1));
            model.Add(new Conv2D(16, 3));
            model.Add(new GlobalAveragePooling2D());
            model.Add(new Dense(10));
            var summary = model.Summary();
            Assert.Equal(new Shape(16), summary.Rows[1].OutputShape);
            Assert.Equal(0, summary.Rows[1].ParameterCount);
            Assert.Equal(170, summary.Rows[2].ParameterCount);
        }
    }

    [Fact]
    public void A_flat_input_is_rejected_naming_the_layer()
    {
        var error = Assert.Throws<ShapeMismatchException>(() => new GlobalAveragePooling2D("gap").Build(new Shape(64), new Random(0)));
        Assert.Contains("'gap' (GlobalAveragePooling2D)", error.Message);
        Assert.Contains("(64,)", error.Message);
    }
}
