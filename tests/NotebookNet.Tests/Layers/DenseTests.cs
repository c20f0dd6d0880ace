using NotebookNet.Layers;

namespace NotebookNet.Tests.Layers;

public sealed class DenseTests
{
    [Fact]
    public void Forward_matches_a_hand_computed_example()
    {
        var dense = new Dense(3);
        dense.Build(new Shape(2), new Random(0));
        Tensor.FromRows([[1, 2, 3], [4, 5, 6]]).Data.CopyTo(dense.Kernel.Value.Data, 0);
        float[] bias = [0.5f, 0f, -1f];
        bias.CopyTo(dense.Bias!.Value.Data, 0);

        // [1, 2]·W + b = [1 + 8 + 0.5, 2 + 10 + 0, 3 + 12 − 1]
        var y = dense.Forward(Tensor.FromRows([[1, 2], [0, -1]]), training: false);
        Assert.Equal([9.5f, 12f, 14f, -3.5f, -5f, -7f], y.Data);
    }

    [Theory]
    [InlineData(1600, 10, true, "(1600 + 1)·10 = 16,010", 16_010)]
    [InlineData(10000, 100, true, "(10000 + 1)·100 = 1,000,100", 1_000_100)]
    [InlineData(100, 3, true, "(100 + 1)·3 = 303", 303)]
    [InlineData(1600, 10, false, "1600·10 = 16,000", 16_000)]
    public void Parameter_count_and_formula_are_inputs_plus_bias_times_units(int inputs, int units, bool useBias, string formula, int count)
    {
        var dense = new Dense(units, useBias: useBias);
        dense.Build(new Shape(inputs), new Random(0));
        Assert.Equal(count, dense.ParameterCount);
        Assert.Equal(formula, dense.ParameterFormula);
        Assert.Equal([inputs, units], dense.Kernel.Value.Shape);
        Assert.Equal(new Shape(units), dense.OutputShape);
    }

    [Fact]
    public void Kernel_is_glorot_uniform_and_bias_starts_at_zero()
    {
        var dense = new Dense(50);
        dense.Build(new Shape(150), new Random(1));
        double limit = Math.Sqrt(6.0 / (150 + 50));
        Assert.All(dense.Kernel.Value.Data, w => Assert.InRange(w, -limit, limit));
        Assert.True(dense.Kernel.Value.Data.Max() > limit * 0.9 && dense.Kernel.Value.Data.Min() < -limit * 0.9);
        Assert.All(dense.Bias!.Value.Data, b => Assert.Equal(0f, b));
    }

    [Fact]
    public void The_same_seed_gives_the_same_weights_and_another_seed_other_weights()
    {
        float[] Weights(int seed)
        {
            var dense = new Dense(8);
            dense.Build(new Shape(5), new Random(seed));
            return dense.Kernel.Value.Data;
        }
        Assert.Equal(Weights(42), Weights(42));
        Assert.NotEqual(Weights(42), Weights(43));
    }

    [Theory]
    [InlineData(null, true)]
    [InlineData(null, false)]
    [InlineData("sigmoid", true)]
    [InlineData("tanh", true)]
    [InlineData("softmax", true)]
    [InlineData("relu", true)]
    public void Gradients_match_central_differences(string? activation, bool useBias)
    {
        var dense = TestTensors.BuiltWithRandomWeights(new Dense(4, activation, useBias), new Shape(6));
        GradientCheck.AssertGradientsMatch(dense, TestTensors.Uniform(2, 3, 6));
    }

    [Fact]
    public void Backward_sets_the_gradients_rather_than_adding_to_them()
    {
        var dense = TestTensors.BuiltWithRandomWeights(new Dense(3), new Shape(4));
        var g = TestTensors.Uniform(5, 2, 3);
        dense.Forward(TestTensors.Uniform(4, 2, 4), training: true);
        dense.Backward(g);
        var first = dense.Kernel.Gradient.Data.ToArray();
        dense.Backward(g);
        Assert.Equal(first, dense.Kernel.Gradient.Data);
    }

    [Fact]
    public void The_activation_is_part_of_the_layer_and_built_with_it()
    {
        var dense = new Dense(10, activation: "softmax", name: "out");
        dense.Build(new Shape(4), new Random(0));
        var softmax = Assert.IsType<Softmax>(dense.Activation);
        Assert.True(softmax.IsBuilt);
        var p = dense.Forward(TestTensors.Uniform(1, 2, 4), training: false);
        Assert.Equal(1.0, p.Data.Take(10).Sum(), 1e-5);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Units_must_be_positive(int units)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new Dense(units));
        Assert.Contains($"Dense: received units={units}", error.Message);
    }

    [Fact]
    public void An_image_input_asks_for_a_flatten_layer()
    {
        var error = Assert.Throws<ShapeMismatchException>(() => new Dense(10, name: "dense_1").Build(new Shape(28, 28, 1), new Random(0)));
        Assert.Contains("Flatten", error.Message);
        Assert.Contains("(28, 28, 1)", error.Message);
        Assert.Contains("'dense_1' (Dense)", error.Message);
    }

    [Fact]
    public void A_batch_with_another_number_of_features_is_rejected_naming_both_shapes()
    {
        var dense = new Dense(10, name: "dense_1");
        dense.Build(new Shape(1600), new Random(0));
        var error = Assert.Throws<ShapeMismatchException>(() => dense.Forward(new Tensor(32, 1500), training: false));
        Assert.Contains("(None, 1600)", error.Message);
        Assert.Contains("[32, 1500]", error.Message);
        Assert.Contains("dense_1", error.Message);
    }
}
