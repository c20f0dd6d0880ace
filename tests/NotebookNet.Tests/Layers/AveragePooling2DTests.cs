using NotebookNet.Layers;

namespace NotebookNet.Tests.Layers;

public sealed class AveragePooling2DTests
{
    private static AveragePooling2D Built(AveragePooling2D pool, params int[] inputShape)
    {
        pool.Build(new Shape(inputShape), new Random(0));
        return pool;
    }

    private static readonly float[] FourByFour =
    [
        1, 3, 2, 9,
        5, 4, 7, 0,
        8, 6, 1, 1,
        2, 7, 3, 5,
    ];

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

    [Theory]
    // height, width, channels, pool (h, w), strides (h, w) or 0 for the default, padding → output height, width
    [InlineData(26, 26, 32, 2, 2, 0, 0, Padding.Valid, 13, 13)]
    [InlineData(5, 5, 1, 2, 2, 0, 0, Padding.Same, 3, 3)]
    [InlineData(7, 7, 2, 3, 3, 2, 2, Padding.Valid, 3, 3)]
    [InlineData(7, 7, 2, 3, 3, 2, 2, Padding.Same, 4, 4)]
    [InlineData(6, 9, 1, 2, 3, 0, 0, Padding.Valid, 3, 3)]
    [InlineData(6, 9, 1, 2, 3, 1, 1, Padding.Valid, 5, 7)]
    [InlineData(6, 9, 1, 2, 3, 1, 1, Padding.Same, 6, 9)]
    public void Output_shape_follows_pool_stride_and_padding(int h, int w, int c, int ph, int pw, int sh, int sw, Padding padding, int outH, int outW)
    {
        var pool = sh == 0 ? new AveragePooling2D((ph, pw), padding: padding) : new AveragePooling2D((ph, pw), (sh, sw), padding);
        Assert.Equal(new Shape(outH, outW, c), pool.ComputeOutputShape(new Shape(h, w, c)));
    }

    [Theory]
    // batch, height, width, channels, pool (h, w), strides (h, w), padding
    [InlineData(1, 4, 4, 1, 2, 2, 2, 2, Padding.Valid)]
    [InlineData(2, 5, 5, 3, 2, 2, 2, 2, Padding.Valid)]
    [InlineData(2, 7, 7, 2, 3, 3, 2, 2, Padding.Valid)]
    [InlineData(2, 5, 5, 2, 2, 2, 2, 2, Padding.Same)]
    [InlineData(2, 6, 7, 2, 3, 3, 1, 1, Padding.Same)]
    [InlineData(1, 6, 9, 2, 2, 3, 2, 3, Padding.Valid)]
    [InlineData(2, 7, 6, 1, 3, 3, 2, 2, Padding.Same)]
    public void Gradients_match_central_differences(int batch, int h, int w, int c, int ph, int pw, int sh, int sw, Padding padding)
    {
        var pool = Built(new AveragePooling2D((ph, pw), (sh, sw), padding), h, w, c);
        GradientCheck.AssertGradientsMatch(pool, TestTensors.Uniform(4, batch, h, w, c));
    }

    [Fact]
    public void Strides_default_to_the_pool_size_and_the_layer_has_no_weights()
    {
        var pool = Built(new AveragePooling2D(3), 9, 9, 1);
        Assert.Equal((3, 3), pool.Strides);
        Assert.Equal(0, pool.ParameterCount);
        Assert.Equal("0", pool.ParameterFormula);
    }

    [Theory]
    [InlineData(0, 2, "poolSize=0")]
    [InlineData(2, 0, "strides=0")]
    public void Bad_constructor_arguments_are_rejected_echoing_the_value(int poolSize, int strides, string echoed)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new AveragePooling2D(poolSize, strides));
        Assert.StartsWith($"AveragePooling2D: received {echoed};", error.Message);
    }

    [Fact]
    public void An_input_smaller_than_the_pool_or_flat_is_rejected_naming_the_layer()
    {
        var small = Assert.Throws<ShapeMismatchException>(() => new AveragePooling2D(2, name: "avg").Build(new Shape(1, 1, 8), new Random(0)));
        Assert.Contains("'avg' (AveragePooling2D)", small.Message);
        Assert.Contains("(1, 1, 8)", small.Message);
        var flat = Assert.Throws<ShapeMismatchException>(() => new AveragePooling2D(name: "avg").Build(new Shape(128), new Random(0)));
        Assert.Contains("(height, width, channels)", flat.Message);
    }
}
