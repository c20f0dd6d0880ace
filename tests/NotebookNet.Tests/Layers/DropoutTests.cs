using NotebookNet.Layers;

namespace NotebookNet.Tests.Layers;

public sealed class DropoutTests
{
    private static Dropout Built(double rate, int? seed, params int[] sampleShape)
    {
        var dropout = new Dropout(rate, seed);
        dropout.Build(new Shape(sampleShape), new Random(0));
        return dropout;
    }

    [Fact]
    public void At_inference_it_is_the_identity_forward_and_backward()
    {
        var dropout = Built(0.5, 1, 10);
        var x = TestTensors.Uniform(1, 4, 10);
        Assert.Equal(x.Data, dropout.Forward(x, training: false).Data);
        var g = TestTensors.Uniform(2, 4, 10);
        Assert.Equal(g.Data, dropout.Backward(g).Data);
    }

    [Fact]
    public void In_training_it_drops_about_rate_of_the_values_and_keeps_the_mean()
    {
        var y = Built(0.3, 1, 1000).Forward(Tensor.Full(1f, 100, 1000), training: true);
        double dropped = y.Data.Count(v => v == 0f) / (double)y.Length;
        double mean = y.Data.Average();
        // 100,000 values: the standard error is about 0.0015 for the fraction and 0.002 for the mean.
        Assert.InRange(dropped, 0.29, 0.31);
        Assert.InRange(mean, 0.99, 1.01);
        Assert.All(y.Data, v => Assert.True(v == 0f || Math.Abs(v - 1 / 0.7) < 1e-6, $"value {v} is neither dropped nor scaled by 1/(1 − rate)"));
    }

    [Fact]
    public void Backward_applies_the_same_mask_as_forward()
    {
        // In training y = m ⊙ x for the mask m drawn in Forward, so dL/dx = m ⊙ dL/dy exactly.
        var dropout = Built(0.5, 3, 50);
        var x = TestTensors.AwayFromZero(1, 4, 50);
        var y = dropout.Forward(x, training: true);
        var g = TestTensors.Uniform(2, 4, 50);
        var dx = dropout.Backward(g);
        for (int i = 0; i < x.Length; i++) Assert.Equal(y.Data[i] / x.Data[i] * g.Data[i], dx.Data[i], 1e-5);
        Assert.Contains(dx.Data, v => v == 0f);
        Assert.Contains(dx.Data, v => v != 0f);
    }

    [Fact]
    public void The_same_seed_gives_the_same_masks_and_another_seed_other_masks()
    {
        float[] Mask(int? seed, int buildSeed)
        {
            var dropout = new Dropout(0.5, seed);
            dropout.Build(new Shape(64), new Random(buildSeed));
            return dropout.Forward(Tensor.Full(1f, 2, 64), training: true).Data;
        }
        Assert.Equal(Mask(9, 0), Mask(9, 1));
        Assert.NotEqual(Mask(9, 0), Mask(10, 0));
        // Without a seed the model's seeded random source decides.
        Assert.Equal(Mask(null, 4), Mask(null, 4));
        Assert.NotEqual(Mask(null, 4), Mask(null, 5));
    }

    [Fact]
    public void Rate_zero_changes_nothing_even_in_training()
    {
        var x = TestTensors.Uniform(1, 3, 8);
        Assert.Equal(x.Data, Built(0, null, 8).Forward(x, training: true).Data);
    }

    [Theory]
    [InlineData(1.5)]
    [InlineData(1.0)]
    [InlineData(-0.1)]
    [InlineData(double.NaN)]
    public void Rate_outside_zero_to_one_is_rejected_echoing_it(double rate)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new Dropout(rate));
        Assert.StartsWith($"Dropout: received rate={rate.ToString(System.Globalization.CultureInfo.InvariantCulture)};", error.Message);
    }
}
