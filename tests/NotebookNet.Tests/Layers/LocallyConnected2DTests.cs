using NotebookNet.Layers;

namespace NotebookNet.Tests.Layers;

public sealed class LocallyConnected2DTests
{
    [Fact]
    public void The_lectures_localized_detectors_have_62600_weights_and_100_hidden_neurons()
    {
        var local = new LocallyConnected2D(25, 25, strides: 75);
        local.Build(new Shape(100, 100, 1), new Random(0));
        Assert.Equal(new Shape(2, 2, 25), local.OutputShape);
        Assert.Equal(100, local.OutputShape.Size);
        Assert.Equal(62_600, local.ParameterCount);
        Assert.Equal("2·2·(25·25·1 + 1)·25 = 62,600", local.ParameterFormula);
        Assert.Equal([4, 625, 25], local.Kernel.Value.Shape);
        Assert.Equal([2, 2, 25], local.Bias!.Value.Shape);
    }

    [Fact]
    public void Without_bias_only_the_kernel_is_counted()
    {
        var local = new LocallyConnected2D(25, 25, strides: 75, useBias: false);
        local.Build(new Shape(100, 100, 1), new Random(0));
        Assert.Equal("2·2·25·25·1·25 = 62,500", local.ParameterFormula);
        Assert.Equal(62_500, local.ParameterCount);
        Assert.Null(local.Bias);
    }

    [Fact]
    public void Every_location_uses_its_own_weights_and_bias()
    {
        var local = new LocallyConnected2D(1, 2);
        local.Build(new Shape(3, 3, 1), new Random(0));
        for (int location = 0; location < 4; location++)
            for (int p = 0; p < 4; p++) local.Kernel.Value[location, p, 0] = location + 1;
        float[] bias = [0.5f, 0f, 0f, -1f];
        bias.CopyTo(local.Bias!.Value.Data, 0);

        // x[i, j] = 3i + j + 1; window sums 12, 16, 24, 28 times weights 1, 2, 3, 4, plus the biases.
        var x = new Tensor([1, 2, 3, 4, 5, 6, 7, 8, 9], 1, 3, 3, 1);
        Assert.Equal([12.5f, 32f, 72f, 111f], local.Forward(x, training: false).Data);
    }

    [Fact]
    public void A_patch_is_flattened_row_by_row_then_channel_as_in_keras()
    {
        var local = new LocallyConnected2D(1, 2, useBias: false);
        local.Build(new Shape(3, 3, 2), new Random(0));
        local.Kernel.Value.Span.Clear();
        // Location 3 is (oy, ox) = (1, 1); patch index (ky·kw + kx)·C + c = (1·2 + 0)·2 + 1 = 5 is (ky, kx, c) = (1, 0, 1).
        local.Kernel.Value[3, 5, 0] = 1f;
        var x = TestTensors.Uniform(1, 1, 3, 3, 2);
        var y = local.Forward(x, training: false);
        Assert.Equal([0f, 0f, 0f, x[0, 2, 1, 1]], y.Data);
    }

    [Theory]
    [InlineData(1, 3, 1)]
    [InlineData(3, 2, 2)]
    [InlineData(2, 3, 3)]
    public void With_the_same_weights_at_every_location_it_equals_a_convolution(int channels, int kernel, int strides)
    {
        var conv = TestTensors.BuiltWithRandomWeights(new Conv2D(4, kernel, strides), new Shape(7, 7, channels));
        var local = new LocallyConnected2D(4, kernel, strides);
        local.Build(new Shape(7, 7, channels), new Random(0));
        int locations = local.OutputShape[0] * local.OutputShape[1];
        for (int l = 0; l < locations; l++)
        {
            conv.Kernel.Value.Data.CopyTo(local.Kernel.Value.Data, l * conv.Kernel.Count);
            conv.Bias!.Value.Data.CopyTo(local.Bias!.Value.Data, l * 4);
        }
        var x = TestTensors.Uniform(2, 2, 7, 7, channels);
        var expected = conv.Forward(x, training: false).Data;
        var actual = local.Forward(x, training: false).Data;
        for (int i = 0; i < expected.Length; i++) Assert.Equal(expected[i], actual[i], 1e-5);
    }

    [Theory]
    // height, width, channels, filters, kernel (h, w), strides (h, w) → output height, width
    [InlineData(100, 100, 1, 25, 25, 25, 75, 75, 2, 2)]
    [InlineData(28, 28, 1, 8, 3, 3, 1, 1, 26, 26)]
    [InlineData(7, 7, 3, 4, 3, 3, 2, 2, 3, 3)]
    [InlineData(5, 6, 2, 3, 2, 3, 1, 2, 4, 2)]
    public void Output_shape_follows_the_valid_rule(int h, int w, int c, int filters, int kh, int kw, int sh, int sw, int outH, int outW) =>
        Assert.Equal(new Shape(outH, outW, filters),
            new LocallyConnected2D(filters, (kh, kw), (sh, sw)).ComputeOutputShape(new Shape(h, w, c)));

    [Theory]
    // batch, height, width, channels, filters, kernel (h, w), strides (h, w), activation
    [InlineData(1, 3, 3, 1, 1, 2, 2, 1, 1, null)]
    [InlineData(2, 5, 5, 2, 3, 3, 3, 2, 2, null)]
    [InlineData(2, 5, 6, 2, 2, 2, 3, 1, 2, null)]
    [InlineData(2, 7, 7, 1, 2, 3, 3, 3, 3, null)]
    [InlineData(1, 6, 6, 1, 2, 2, 2, 3, 3, null)]
    [InlineData(2, 4, 4, 2, 2, 2, 2, 1, 1, "sigmoid")]
    public void Gradients_match_central_differences(int batch, int h, int w, int c, int filters, int kh, int kw, int sh, int sw, string? activation)
    {
        var local = TestTensors.BuiltWithRandomWeights(new LocallyConnected2D(filters, (kh, kw), (sh, sw), activation), new Shape(h, w, c));
        GradientCheck.AssertGradientsMatch(local, TestTensors.Uniform(3, batch, h, w, c));
    }

    [Fact]
    public void Gradients_match_without_a_bias()
    {
        var local = TestTensors.BuiltWithRandomWeights(new LocallyConnected2D(2, 2, useBias: false), new Shape(4, 3, 2));
        GradientCheck.AssertGradientsMatch(local, TestTensors.Uniform(3, 2, 4, 3, 2));
    }

    [Fact]
    public void Kernel_starts_at_the_scale_of_the_equivalent_convolution()
    {
        var local = new LocallyConnected2D(8, 3);
        local.Build(new Shape(10, 10, 2), new Random(0));
        double limit = Math.Sqrt(6.0 / (3 * 3 * 2 + 3 * 3 * 8));
        var w = local.Kernel.Value.Data;
        Assert.All(w, v => Assert.InRange(v, -limit, limit));
        Assert.True(w.Max() > 0.9 * limit && w.Min() < -0.9 * limit);
    }

    [Fact]
    public void The_same_seed_gives_the_same_weights()
    {
        float[] Weights(int seed)
        {
            var local = new LocallyConnected2D(3, 2);
            local.Build(new Shape(4, 4, 1), new Random(seed));
            return local.Kernel.Value.Data;
        }
        Assert.Equal(Weights(5), Weights(5));
        Assert.NotEqual(Weights(5), Weights(6));
    }

    [Fact]
    public void Backward_sets_the_gradients_rather_than_adding_to_them()
    {
        var layer = TestTensors.BuiltWithRandomWeights(new LocallyConnected2D(3, 2), new Shape(4, 4, 2));
        var y = layer.Forward(TestTensors.Uniform(1, 2, 4, 4, 2), training: true);
        var g = TestTensors.Uniform(2, y.Shape);
        layer.Backward(g);
        var first = layer.Parameters.Select(p => p.Gradient.Data.ToArray()).ToList();
        layer.Backward(g);
        for (int i = 0; i < first.Count; i++) Assert.Equal(first[i], layer.Parameters[i].Gradient.Data);
    }

    [Theory]
    [InlineData(0, 3, 1, "filters=0")]
    [InlineData(4, 0, 1, "kernelSize=0")]
    [InlineData(4, 3, -2, "strides=-2")]
    public void Bad_constructor_arguments_are_rejected_echoing_the_value(int filters, int kernelSize, int strides, string echoed)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new LocallyConnected2D(filters, kernelSize, strides));
        Assert.StartsWith($"LocallyConnected2D: received {echoed};", error.Message);
    }

    [Fact]
    public void An_input_smaller_than_the_kernel_is_rejected()
    {
        var error = Assert.Throws<ShapeMismatchException>(() => new LocallyConnected2D(4, 25, name: "local").Build(new Shape(20, 100, 1), new Random(0)));
        Assert.Contains("(20, 100, 1)", error.Message);
        Assert.Contains("'local' (LocallyConnected2D)", error.Message);
    }

    [Fact]
    public void A_flat_input_is_rejected()
    {
        var error = Assert.Throws<ShapeMismatchException>(() => new LocallyConnected2D(4, 3, name: "local").Build(new Shape(10_000), new Random(0)));
        Assert.Contains("(10000,)", error.Message);
        Assert.Contains("(height, width, channels)", error.Message);
    }
}
