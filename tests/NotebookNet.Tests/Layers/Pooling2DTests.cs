using NotebookNet.Layers;

namespace NotebookNet.Tests.Layers;

/// <summary>
/// What every <see cref="Pooling2D"/> must do, whatever it keeps of a window: output shapes, default strides, no
/// weights, checked arguments, gradients that match central differences. MaxPooling2DTests and AveragePooling2DTests
/// run these, and add what their own pooling means.
/// </summary>
/// <param name="square">The layer's square-window constructor: (poolSize, strides, name), valid padding.</param>
/// <param name="rectangular">Its (height, width) constructor: (poolSize, strides, padding).</param>
/// <param name="gradientInput">The gradient check's input for (batch, h, w, c): values that keep the pooling
/// differentiable under ±0.01 nudges.</param>
public abstract class Pooling2DTests<TPool>(
    Func<int, int?, string?, TPool> square,
    Func<(int, int), (int, int)?, Padding, TPool> rectangular,
    Func<int, int, int, int, Tensor> gradientInput) where TPool : Pooling2D
{
    private static readonly string TypeName = typeof(TPool).Name;

    private TPool Create(int poolSize, int? strides = null, string? name = null) => square(poolSize, strides, name);

    protected static T Built<T>(T pool, params int[] inputShape) where T : Layer
    {
        pool.Build(new Shape(inputShape), new Random(0));
        return pool;
    }

    protected static readonly float[] FourByFour =
    [
        1, 3, 2, 9,
        5, 4, 7, 0,
        8, 6, 1, 1,
        2, 7, 3, 5,
    ];

    [Theory]
    // height, width, channels, pool (h, w), strides (h, w) or 0 for the default, padding → output height, width
    [InlineData(26, 26, 32, 2, 2, 0, 0, Padding.Valid, 13, 13)]
    [InlineData(11, 11, 64, 2, 2, 0, 0, Padding.Valid, 5, 5)]
    [InlineData(100, 100, 1, 4, 4, 0, 0, Padding.Valid, 25, 25)]
    [InlineData(5, 5, 1, 2, 2, 0, 0, Padding.Same, 3, 3)]
    [InlineData(7, 7, 2, 3, 3, 2, 2, Padding.Valid, 3, 3)]
    [InlineData(7, 7, 2, 3, 3, 2, 2, Padding.Same, 4, 4)]
    [InlineData(6, 9, 1, 2, 3, 0, 0, Padding.Valid, 3, 3)]
    [InlineData(6, 9, 1, 2, 3, 1, 1, Padding.Valid, 5, 7)]
    [InlineData(6, 9, 1, 2, 3, 1, 1, Padding.Same, 6, 9)]
    public void Output_shape_follows_pool_stride_and_padding(int h, int w, int c, int ph, int pw, int sh, int sw, Padding padding, int outH, int outW)
    {
        var pool = rectangular((ph, pw), sh == 0 ? null : (sh, sw), padding);
        Assert.Equal(new Shape(outH, outW, c), pool.ComputeOutputShape(new Shape(h, w, c)));
    }

    [Fact]
    public void Strides_default_to_the_pool_size_and_the_layer_has_no_weights()
    {
        var pool = Built(Create(3), 9, 9, 1);
        Assert.Equal((3, 3), pool.Strides);
        Assert.Equal(0, pool.ParameterCount);
        Assert.Equal("0", pool.ParameterFormula);
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
        var pool = Built(rectangular((ph, pw), (sh, sw), padding), h, w, c);
        GradientCheck.AssertGradientsMatch(pool, gradientInput(batch, h, w, c));
    }

    [Theory]
    [InlineData(0, 2, "poolSize=0")]
    [InlineData(2, 0, "strides=0")]
    [InlineData(-3, 2, "poolSize=-3")]
    public void Bad_constructor_arguments_are_rejected_echoing_the_value(int poolSize, int strides, string echoed)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Create(poolSize, strides));
        Assert.StartsWith($"{TypeName}: received {echoed};", error.Message);
    }

    [Fact]
    public void An_input_smaller_than_the_pool_is_rejected_with_valid_padding_naming_the_layer()
    {
        var error = Assert.Throws<ShapeMismatchException>(() => Create(2, name: "pool").Build(new Shape(1, 1, 64), new Random(0)));
        Assert.Contains("(1, 1, 64)", error.Message);
        Assert.Contains($"'pool' ({TypeName})", error.Message);
    }

    [Fact]
    public void A_flat_input_is_rejected()
    {
        var error = Assert.Throws<ShapeMismatchException>(() => Create(2, name: "pool").Build(new Shape(128), new Random(0)));
        Assert.Contains("(128,)", error.Message);
        Assert.Contains("(height, width, channels)", error.Message);
    }
}
