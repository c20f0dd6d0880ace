using NotebookNet.Optimizers;

namespace NotebookNet.Tests.Optimizers;

public sealed class OptimizerTests
{
    private static Parameter Param(float w, float g)
    {
        var p = new Parameter("w", new Tensor([w], 1));
        p.Gradient.Data[0] = g;
        return p;
    }

    [Fact]
    public void Plain_sgd_steps_against_the_gradient()
    {
        var p = Param(1f, 2f);
        new Sgd(0.1).Step([p]);
        Assert.Equal(0.8f, p.Value.Data[0], 6);
    }

    [Fact]
    public void Sgd_with_momentum_accumulates_velocity_as_keras_does()
    {
        var p = Param(1f, 1f);
        var sgd = new Sgd(0.1, momentum: 0.9);
        sgd.Step([p]);   // v = −0.1,          w = 0.9
        sgd.Step([p]);   // v = −0.09 − 0.1,   w = 0.71
        Assert.Equal(0.71f, p.Value.Data[0], 5);
    }

    [Fact]
    public void Nesterov_looks_ahead_by_one_velocity_step()
    {
        var p = Param(1f, 1f);
        new Sgd(0.1, momentum: 0.9, nesterov: true).Step([p]);   // v = −0.1; w = 1 + 0.9·(−0.1) − 0.1 = 0.81
        Assert.Equal(0.81f, p.Value.Data[0], 5);
    }

    [Fact]
    public void Adam_first_steps_have_the_size_of_the_learning_rate_whatever_the_gradient_scale()
    {
        foreach (float g in new[] { 1e-3f, 1f, 1e3f })
        {
            var p = Param(0f, g);
            var adam = new Adam(0.01);
            adam.Step([p]);
            // m̂ / √v̂ = sign(g) on every step of a constant gradient; ε (added to √v, as Keras does) shaves
            // up to 0.3 % off for the smallest gradient.
            Assert.InRange(p.Value.Data[0], -0.01001f, -0.00995f);
            adam.Step([p]);
            Assert.InRange(p.Value.Data[0], -0.02001f, -0.0199f);
        }
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-0.5)]
    [InlineData(double.NaN)]
    public void A_non_positive_learning_rate_is_rejected_echoing_the_value(double lr)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new Sgd(lr));
        Assert.Contains($"learningRate={lr}", e.Message);
    }
}
