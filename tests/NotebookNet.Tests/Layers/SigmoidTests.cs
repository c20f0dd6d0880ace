using NotebookNet.Layers;

namespace NotebookNet.Tests.Layers;

public sealed class SigmoidTests
{
    private static Sigmoid Built(params int[] sampleShape)
    {
        var sigmoid = new Sigmoid();
        sigmoid.Build(new Shape(sampleShape), new Random(0));
        return sigmoid;
    }

    [Fact]
    public void Forward_is_one_over_one_plus_e_to_the_minus_x()
    {
        float[] x = [-3f, -0.5f, 0f, 0.5f, 3f];
        var output = Built(5).Forward(Tensor.FromRows([x]), training: false);
        for (int i = 0; i < x.Length; i++) Assert.Equal(1.0 / (1.0 + Math.Exp(-x[i])), output.Data[i], 1e-6);
    }

    [Fact]
    public void Forward_saturates_to_0_and_1_without_overflow()
    {
        var output = Built(2).Forward(Tensor.FromRows([[-200f, 200f]]), training: false);
        Assert.Equal([0f, 1f], output.Data);
    }

    [Fact]
    public void Gradients_match_central_differences() =>
        GradientCheck.AssertGradientsMatch(Built(3, 4), TestTensors.Uniform(1, 2, 3, 4));
}
