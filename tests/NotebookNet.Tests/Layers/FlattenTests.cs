using NotebookNet.Layers;

namespace NotebookNet.Tests.Layers;

public sealed class FlattenTests
{
    [Theory]
    [InlineData(new[] { 5, 5, 64 }, 1600)]
    [InlineData(new[] { 28, 28, 1 }, 784)]
    [InlineData(new[] { 100, 100, 1 }, 10_000)]
    [InlineData(new[] { 10 }, 10)]
    public void Output_is_one_vector_of_all_the_values(int[] inputShape, int features) =>
        Assert.Equal(new Shape(features), new Flatten().ComputeOutputShape(new Shape(inputShape)));

    [Fact]
    public void Forward_keeps_row_major_order_with_the_channel_varying_fastest()
    {
        var flatten = new Flatten();
        flatten.Build(new Shape(2, 2, 3), new Random(0));
        var x = TestTensors.Uniform(1, 2, 2, 2, 3);
        var y = flatten.Forward(x, training: false);
        Assert.Equal([2, 12], y.Shape);
        Assert.Equal(x[1, 0, 1, 2], y[1, 1 * 3 + 2]);
        Assert.Equal(x[1, 1, 0, 1], y[1, 2 * 3 + 1]);
    }

    [Fact]
    public void Backward_gives_the_gradient_the_input_shape_again()
    {
        var flatten = new Flatten();
        flatten.Build(new Shape(2, 2, 3), new Random(0));
        flatten.Forward(new Tensor(4, 2, 2, 3), training: true);
        var g = TestTensors.Uniform(2, 4, 12);
        var dx = flatten.Backward(g);
        Assert.Equal([4, 2, 2, 3], dx.Shape);
        Assert.Equal(g.Data, dx.Data);
    }

    [Fact]
    public void Gradients_match_central_differences()
    {
        var flatten = new Flatten();
        flatten.Build(new Shape(3, 2, 2), new Random(0));
        GradientCheck.AssertGradientsMatch(flatten, TestTensors.Uniform(1, 2, 3, 2, 2));
    }
}
