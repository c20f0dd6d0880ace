using NotebookNet.Layers;

namespace NotebookNet.Tests.Layers;

public sealed class Conv2DTests
{
    private static Tensor Image(int height, int width, Func<int, int, float> value)
    {
        var x = new Tensor(1, height, width, 1);
        for (int i = 0; i < height; i++)
            for (int j = 0; j < width; j++) x[0, i, j, 0] = value(i, j);
        return x;
    }

    private static Conv2D BuiltWithOnes(int kernel, int strides, Padding padding, Shape input)
    {
        var conv = new Conv2D(1, kernel, strides, padding);
        conv.Build(input, new Random(0));
        Array.Fill(conv.Kernel.Value.Data, 1f);
        return conv;
    }

    [Fact]
    public void A_3x3_convolution_on_a_4x4_image_matches_a_hand_computed_example()
    {
        var conv = new Conv2D(1, 3);
        conv.Build(new Shape(4, 4, 1), new Random(0));
        conv.Kernel.Value.Span.Clear();
        conv.Kernel.Value[0, 1, 0, 0] = 1f;
        conv.Kernel.Value[2, 2, 0, 0] = 2f;
        conv.Bias!.Value[0] = 1f;

        // x[i, j] = 4i + j + 1, so y[oy, ox] = x[oy, ox + 1] + 2·x[oy + 2, ox + 2] + 1:
        // (0,0): 2 + 2·11 + 1 = 25   (0,1): 3 + 2·12 + 1 = 28   (1,0): 6 + 2·15 + 1 = 37   (1,1): 7 + 2·16 + 1 = 40
        var y = conv.Forward(Image(4, 4, (i, j) => 4 * i + j + 1), training: false);
        Assert.Equal([1, 2, 2, 1], y.Shape);
        Assert.Equal([25f, 28f, 37f, 40f], y.Data);
    }

    [Fact]
    public void Same_padding_adds_zeros_around_the_image()
    {
        // Ones everywhere: each output counts the real pixels under its window (corner 4, edge 6, centre 9).
        var y = BuiltWithOnes(3, 1, Padding.Same, new Shape(3, 3, 1)).Forward(Image(3, 3, (_, _) => 1f), training: false);
        Assert.Equal([4f, 6f, 4f, 6f, 9f, 6f, 4f, 6f, 4f], y.Data);
    }

    [Fact]
    public void Same_padding_with_stride_2_puts_the_odd_padding_bottom_and_right()
    {
        // 4×4 input, k = 3, s = 2: out = 2, total padding 1, all of it after (TensorFlow's rule).
        var y = BuiltWithOnes(3, 2, Padding.Same, new Shape(4, 4, 1)).Forward(Image(4, 4, (_, _) => 1f), training: false);
        Assert.Equal([9f, 6f, 6f, 4f], y.Data);
    }

    [Fact]
    public void Stride_2_visits_every_other_pixel()
    {
        var y = BuiltWithOnes(1, 2, Padding.Valid, new Shape(5, 5, 1)).Forward(Image(5, 5, (i, j) => 10 * i + j), training: false);
        Assert.Equal([0f, 2f, 4f, 20f, 22f, 24f, 40f, 42f, 44f], y.Data);
    }

    [Fact]
    public void Each_filter_sums_over_all_input_channels()
    {
        var conv = new Conv2D(2, 1, useBias: false);
        conv.Build(new Shape(1, 2, 2), new Random(0));
        // K[0, 0, c, f]: filter 0 = (1, 10), filter 1 = (−1, 0.5)
        Tensor.FromRows([[1f, -1f], [10f, 0.5f]]).Data.CopyTo(conv.Kernel.Value.Data, 0);
        var x = new Tensor([2f, 3f, -1f, 4f], 1, 1, 2, 2);   // two pixels with channels (2, 3) and (−1, 4)
        var y = conv.Forward(x, training: false);
        Assert.Equal([2 + 30f, -2 + 1.5f, -1 + 40f, 1 + 2f], y.Data);
    }

    [Theory]
    // height, width, channels, filters, kernel (h, w), strides (h, w), padding → output height, width
    [InlineData(28, 28, 1, 32, 3, 3, 1, 1, Padding.Valid, 26, 26)]
    [InlineData(13, 13, 32, 64, 3, 3, 1, 1, Padding.Valid, 11, 11)]
    [InlineData(28, 28, 1, 8, 3, 3, 2, 2, Padding.Same, 14, 14)]
    [InlineData(7, 7, 3, 4, 3, 3, 2, 2, Padding.Valid, 3, 3)]
    [InlineData(7, 7, 3, 4, 3, 3, 2, 2, Padding.Same, 4, 4)]
    [InlineData(100, 100, 1, 25, 25, 25, 75, 75, Padding.Valid, 2, 2)]
    [InlineData(5, 6, 2, 3, 2, 3, 1, 2, Padding.Valid, 4, 2)]
    [InlineData(4, 4, 1, 2, 5, 5, 1, 1, Padding.Same, 4, 4)]
    public void Output_shape_follows_kernel_stride_and_padding(int h, int w, int c, int filters, int kh, int kw, int sh, int sw,
        Padding padding, int outH, int outW) =>
        Assert.Equal(new Shape(outH, outW, filters),
            new Conv2D(filters, (kh, kw), (sh, sw), padding).ComputeOutputShape(new Shape(h, w, c)));

    [Theory]
    [InlineData(28, 1, 32, 3, 1, true, "(3·3·1 + 1)·32 = 320", 320)]
    [InlineData(13, 32, 64, 3, 1, true, "(3·3·32 + 1)·64 = 18,496", 18_496)]
    [InlineData(100, 1, 25, 25, 75, true, "(25·25·1 + 1)·25 = 15,650", 15_650)]
    [InlineData(28, 1, 32, 3, 1, false, "3·3·1·32 = 288", 288)]
    public void Parameter_count_is_kernel_area_times_channels_plus_bias_times_filters(int size, int channels, int filters,
        int kernel, int strides, bool useBias, string formula, int count)
    {
        var conv = new Conv2D(filters, kernel, strides, useBias: useBias);
        conv.Build(new Shape(size, size, channels), new Random(0));
        Assert.Equal(count, conv.ParameterCount);
        Assert.Equal(formula, conv.ParameterFormula);
        Assert.Equal([kernel, kernel, channels, filters], conv.Kernel.Value.Shape);
    }

    [Fact]
    public void Kernel_is_glorot_uniform_with_the_fans_of_keras()
    {
        var conv = new Conv2D(32, 3);
        conv.Build(new Shape(28, 28, 1), new Random(0));
        double limit = Math.Sqrt(6.0 / (3 * 3 * 1 + 3 * 3 * 32));   // fanIn = kh·kw·inC, fanOut = kh·kw·filters
        var w = conv.Kernel.Value.Data;
        Assert.All(w, v => Assert.InRange(v, -limit, limit));
        Assert.True(w.Max() > 0.9 * limit && w.Min() < -0.9 * limit);
        Assert.All(conv.Bias!.Value.Data, b => Assert.Equal(0f, b));
    }

    [Fact]
    public void The_same_seed_gives_the_same_weights_and_another_seed_other_weights()
    {
        float[] Weights(int seed)
        {
            var conv = new Conv2D(4, 3);
            conv.Build(new Shape(6, 6, 2), new Random(seed));
            return conv.Kernel.Value.Data;
        }
        Assert.Equal(Weights(7), Weights(7));
        Assert.NotEqual(Weights(7), Weights(8));
    }

    [Theory]
    // batch, height, width, channels, filters, kernel (h, w), strides (h, w), padding, activation
    [InlineData(1, 4, 4, 1, 1, 3, 3, 1, 1, Padding.Valid, null)]
    [InlineData(2, 5, 7, 2, 3, 3, 2, 1, 1, Padding.Valid, null)]
    [InlineData(2, 7, 7, 3, 2, 3, 3, 2, 2, Padding.Valid, null)]
    [InlineData(2, 7, 6, 2, 2, 3, 3, 2, 2, Padding.Same, null)]
    [InlineData(1, 5, 5, 1, 2, 3, 3, 1, 1, Padding.Same, null)]
    [InlineData(2, 6, 5, 2, 3, 2, 3, 2, 1, Padding.Same, null)]
    [InlineData(1, 8, 8, 1, 2, 2, 2, 3, 3, Padding.Valid, null)]
    [InlineData(1, 4, 4, 2, 2, 5, 5, 1, 1, Padding.Same, null)]
    [InlineData(2, 9, 9, 1, 2, 4, 4, 3, 3, Padding.Same, null)]
    [InlineData(2, 6, 6, 2, 3, 3, 3, 1, 1, Padding.Same, "tanh")]
    [InlineData(2, 6, 6, 2, 3, 3, 3, 2, 2, Padding.Valid, "relu")]
    public void Gradients_match_central_differences(int batch, int h, int w, int c, int filters, int kh, int kw, int sh, int sw,
        Padding padding, string? activation)
    {
        var conv = TestTensors.BuiltWithRandomWeights(new Conv2D(filters, (kh, kw), (sh, sw), padding, activation), new Shape(h, w, c));
        GradientCheck.AssertGradientsMatch(conv, TestTensors.Uniform(3, batch, h, w, c));
    }

    [Fact]
    public void Gradients_match_without_a_bias()
    {
        var conv = TestTensors.BuiltWithRandomWeights(new Conv2D(2, 3, 2, Padding.Same, useBias: false), new Shape(5, 5, 2));
        Assert.Single(conv.Parameters);
        GradientCheck.AssertGradientsMatch(conv, TestTensors.Uniform(3, 2, 5, 5, 2));
    }

    [Fact]
    public void Backward_sets_the_gradients_rather_than_adding_to_them()
    {
        var layer = TestTensors.BuiltWithRandomWeights(new Conv2D(3, 3, 2, Padding.Same), new Shape(5, 5, 2));
        var y = layer.Forward(TestTensors.Uniform(1, 2, 5, 5, 2), training: true);
        var g = TestTensors.Uniform(2, y.Shape);
        layer.Backward(g);
        var first = layer.Parameters.Select(p => p.Gradient.Data.ToArray()).ToList();
        layer.Backward(g);
        for (int i = 0; i < first.Count; i++) Assert.Equal(first[i], layer.Parameters[i].Gradient.Data);
    }

    [Theory]
    [InlineData(0, 3, 1, "filters=0")]
    [InlineData(-4, 3, 1, "filters=-4")]
    [InlineData(8, 0, 1, "kernelSize=0")]
    [InlineData(8, 3, 0, "strides=0")]
    public void Bad_constructor_arguments_are_rejected_echoing_the_value(int filters, int kernelSize, int strides, string echoed)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new Conv2D(filters, kernelSize, strides));
        Assert.StartsWith($"Conv2D: received {echoed};", error.Message);
    }

    [Fact]
    public void Bad_kernel_and_stride_pairs_are_rejected_echoing_the_pair()
    {
        Assert.Contains("Conv2D: received kernelSize=(3, 0)", Assert.Throws<ArgumentOutOfRangeException>(() => new Conv2D(8, (3, 0))).Message);
        Assert.Contains("Conv2D: received strides=(0, 1)", Assert.Throws<ArgumentOutOfRangeException>(() => new Conv2D(8, (3, 3), (0, 1))).Message);
        Assert.Contains("padding=7", Assert.Throws<ArgumentOutOfRangeException>(() => new Conv2D(8, 3, padding: (Padding)7)).Message);
    }

    [Fact]
    public void A_flat_input_is_rejected_naming_the_layer_and_the_shape()
    {
        var error = Assert.Throws<ShapeMismatchException>(() => new Conv2D(8, 3, name: "conv").Build(new Shape(784), new Random(0)));
        Assert.Contains("'conv' (Conv2D)", error.Message);
        Assert.Contains("(784,)", error.Message);
        Assert.Contains("(height, width, channels)", error.Message);
    }

    [Fact]
    public void An_input_smaller_than_the_kernel_is_rejected_with_valid_padding()
    {
        var error = Assert.Throws<ShapeMismatchException>(() => new Conv2D(8, 5, name: "conv").Build(new Shape(4, 9, 1), new Random(0)));
        Assert.Contains("(4, 9, 1)", error.Message);
        Assert.Contains("height ≥ 5", error.Message);
        Assert.Contains("'conv' (Conv2D)", error.Message);
    }

    [Fact]
    public void A_batch_with_other_channels_than_built_for_is_rejected()
    {
        var conv = new Conv2D(8, 3, name: "conv");
        conv.Build(new Shape(8, 8, 3), new Random(0));
        var error = Assert.Throws<ShapeMismatchException>(() => conv.Forward(new Tensor(2, 8, 8, 1), training: false));
        Assert.Contains("(None, 8, 8, 3)", error.Message);
        Assert.Contains("[2, 8, 8, 1]", error.Message);
        Assert.Contains("'conv' (Conv2D)", error.Message);
    }
}
