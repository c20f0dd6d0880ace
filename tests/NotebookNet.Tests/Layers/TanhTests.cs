using NotebookNet.Layers;

namespace NotebookNet.Tests.Layers;

public sealed class TanhTests
{
    private static Tanh Built(params int[] sampleShape)
    {
        var tanh = new Tanh();
        tanh.Build(new Shape(sampleShape), new Random(0));
        return tanh;
    }

    [Fact]
    public void Forward_is_the_hyperbolic_tangent()
    {
        float[] x = [-3f, -0.5f, 0f, 0.5f, 3f];
        var output = Built(5).Forward(Tensor.FromRows([x]), training: false);
        for (int i = 0; i < x.Length; i++) Assert.Equal(Math.Tanh(x[i]), output.Data[i], 1e-6);
    }

    [Fact]
    public void Gradients_match_central_differences() =>
        GradientCheck.AssertGradientsMatch(Built(3, 4), TestTensors.Uniform(1, 2, 3, 4));
}
