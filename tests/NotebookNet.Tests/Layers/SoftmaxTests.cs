using NotebookNet.Layers;

namespace NotebookNet.Tests.Layers;

public sealed class SoftmaxTests
{
    private static Softmax Built(params int[] sampleShape)
    {
        var softmax = new Softmax();
        softmax.Build(new Shape(sampleShape), new Random(0));
        return softmax;
    }

    [Fact]
    public void Forward_matches_a_hand_computed_example()
    {
        // e^1, e^2, e^3 divided by their sum 30.1929...: 0.0900306, 0.2447285, 0.6652410
        var p = Built(3).Forward(Tensor.FromRows([[1f, 2f, 3f]]), training: false);
        Assert.Equal(0.0900306, p.Data[0], 1e-6);
        Assert.Equal(0.2447285, p.Data[1], 1e-6);
        Assert.Equal(0.6652410, p.Data[2], 1e-6);
    }

    [Fact]
    public void Huge_logits_give_the_same_probabilities_without_overflow()
    {
        var softmax = Built(3);
        var small = softmax.Forward(Tensor.FromRows([[0f, 1f, 2f]]), training: false);
        var huge = softmax.Forward(Tensor.FromRows([[1000f, 1001f, 1002f]]), training: false);
        for (int i = 0; i < 3; i++) Assert.Equal(small.Data[i], huge.Data[i], 1e-6);
    }

    [Fact]
    public void Each_vector_along_the_last_axis_sums_to_one()
    {
        var p = Built(2, 3, 4).Forward(TestTensors.Uniform(2, 5, 2, 3, 4), training: false);
        for (int row = 0; row < p.Length; row += 4)
            Assert.Equal(1.0, p.Data.AsSpan(row, 4).ToArray().Sum(), 1e-6);
    }

    [Theory]
    [InlineData(new[] { 5 })]
    [InlineData(new[] { 2, 3 })]
    public void Gradients_match_central_differences(int[] sampleShape) =>
        GradientCheck.AssertGradientsMatch(Built(sampleShape), TestTensors.Uniform(1, [3, .. sampleShape]));

    [Fact]
    public void Fused_with_the_loss_backward_passes_the_gradient_through_unchanged()
    {
        var softmax = Built(3);
        softmax.FusedWithLoss = true;
        softmax.Forward(Tensor.FromRows([[1f, 2f, 3f]]), training: true);
        var dLogits = Tensor.FromRows([[0.1f, -0.2f, 0.1f]]);
        Assert.Equal(dLogits.Data, softmax.Backward(dLogits).Data);
    }
}
