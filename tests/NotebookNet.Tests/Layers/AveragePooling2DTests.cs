using NotebookNet.Layers;

namespace NotebookNet.Tests.Layers;

public sealed class AveragePooling2DTests() : Pooling2DTests<AveragePooling2D>(
    (pool, strides, name) => new(pool, strides, name: name),
    (pool, strides, padding) => new(pool, strides, padding),
    (batch, h, w, c) => TestTensors.Uniform(4, batch, h, w, c))
{
    [Fact]
    public void A_2x2_pool_on_a_4x4_image_averages_each_window()
    {
        var y = Built(new AveragePooling2D(), 4, 4, 1).Forward(new Tensor(FourByFour, 1, 4, 4, 1), training: false);
        Assert.Equal([1, 2, 2, 1], y.Shape);
        Assert.Equal([13 / 4f, 18 / 4f, 23 / 4f, 10 / 4f], y.Data);
    }

    [Fact]
    public void Backward_shares_each_gradient_equally_within_its_window()
    {
        var pool = Built(new AveragePooling2D(), 4, 4, 1);
        pool.Forward(new Tensor(FourByFour, 1, 4, 4, 1), training: true);
        var dx = pool.Backward(new Tensor([4f, 8f, 12f, 16f], 1, 2, 2, 1));
        Assert.Equal(
        [
            1, 1, 2, 2,
            1, 1, 2, 2,
            3, 3, 4, 4,
            3, 3, 4, 4,
        ], dx.Data);
    }

    [Fact]
    public void Same_padding_averages_only_the_real_pixels_of_a_border_window()
    {
        // 3×3 of ones, 2×2 windows stride 2, Same: the last row and column of windows hold 2 or 1 real pixels.
        var y = Built(new AveragePooling2D(2, padding: Padding.Same), 3, 3, 1).Forward(Tensor.Full(1f, 1, 3, 3, 1), training: false);
        Assert.Equal([1, 2, 2, 1], y.Shape);
        Assert.All(y.Data, v => Assert.Equal(1f, v));   // zeros counted in would give 0.5 and 0.25
    }

    [Fact]
    public void Channels_are_pooled_independently()
    {
        var x = new Tensor([1f, 10f, 2f, 20f, 3f, 30f, 6f, 60f], 1, 2, 2, 2);
        Assert.Equal([3f, 30f], Built(new AveragePooling2D(), 2, 2, 2).Forward(x, training: false).Data);
    }
}
