using NotebookNet.Layers;

namespace NotebookNet.Tests.Layers;

public sealed class ReLUTests
{
    private static ReLU Built(params int[] sampleShape)
    {
        var relu = new ReLU("relu");
        relu.Build(new Shape(sampleShape), new Random(0));
        return relu;
    }

    [Fact]
    public void Forward_zeroes_negatives_and_keeps_positives()
    {
        var output = Built(5).Forward(Tensor.FromRows([[-2f, -0.5f, 0f, 0.5f, 3f]]), training: false);
        Assert.Equal([0f, 0f, 0f, 0.5f, 3f], output.Data);
    }

    [Fact]
    public void Backward_passes_the_gradient_only_where_the_input_was_positive()
    {
        var relu = Built(4);
        relu.Forward(Tensor.FromRows([[-1f, 0f, 2f, 3f]]), training: true);
        var dx = relu.Backward(Tensor.FromRows([[10f, 20f, 30f, 40f]]));
        Assert.Equal([0f, 0f, 30f, 40f], dx.Data);
    }

    [Fact]
    public void Gradients_match_central_differences() =>
        GradientCheck.AssertGradientsMatch(Built(3, 4), TestTensors.AwayFromZero(1, 2, 3, 4));

    [Fact]
    public void Backward_before_forward_is_an_error_naming_the_layer()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Built(2).Backward(new Tensor(1, 2)));
        Assert.Contains("'relu'", error.Message);
    }

    [Fact]
    public void Backward_with_a_gradient_of_another_shape_is_an_error_showing_both_shapes()
    {
        var relu = Built(4);
        relu.Forward(new Tensor(2, 4), training: true);
        var error = Assert.Throws<ArgumentException>(() => relu.Backward(new Tensor(2, 5)));
        Assert.Contains("[2, 5]", error.Message);
        Assert.Contains("[2, 4]", error.Message);
        Assert.Contains("ReLU", error.Message);
    }
}
