using NotebookNet.Neurons;

namespace NotebookNet.Tests;

public sealed class PerceptronTests
{
    private static readonly Tensor Inputs = Tensor.FromRows([[0, 0], [0, 1], [1, 0], [1, 1]]);

    [Theory]
    [InlineData(new[] { 0, 0, 0, 1 })]   // AND
    [InlineData(new[] { 0, 1, 1, 1 })]   // OR
    public void The_perceptron_learns_linearly_separable_functions(int[] targets)
    {
        var p = new Perceptron(2, learningRate: 0.1);
        var result = p.Train(Inputs, targets, epochs: 100);
        Assert.True(result.Converged);
        Assert.Equal(targets, p.Predict(Inputs));
        Assert.Equal(0, result.MistakesPerEpoch[^1]);
    }

    [Fact]
    public void The_perceptron_cannot_learn_xor()
    {
        int[] xor = [0, 1, 1, 0];
        var p = new Perceptron(2, learningRate: 0.1);
        var result = p.Train(Inputs, xor, epochs: 1000);
        Assert.False(result.Converged);
        Assert.Equal(1000, result.Epochs);
        Assert.All(result.MistakesPerEpoch, m => Assert.True(m >= 1));
        Assert.NotEqual(xor, p.Predict(Inputs));
    }

    [Fact]
    public void Targets_other_than_zero_or_one_are_rejected_with_their_position()
    {
        var e = Assert.Throws<ArgumentException>(() => new Perceptron(2).Train(Inputs, [0, 2, 0, 1]));
        Assert.Contains("targets[1] = 2", e.Message);
    }
}

public sealed class SigmoidNeuronTests
{
    [Fact]
    public void Gradient_descent_lowers_the_loss_of_a_sigmoid_neuron_every_step()
    {
        var x = Tensor.FromRows([[0, 0], [0, 1], [1, 0], [1, 1]]);
        float[] and = [0, 0, 0, 1];
        var neuron = new SigmoidNeuron(2);
        var losses = neuron.Train(x, and, learningRate: 1.0, steps: 200);
        for (int i = 1; i < losses.Count; i++) Assert.True(losses[i] <= losses[i - 1] + 1e-12);
        Assert.True(losses[^1] < 0.2, $"final loss {losses[^1]}");
        Assert.True(neuron.Predict([1, 1]) > 0.5 && neuron.Predict([0, 1]) < 0.5);
    }
}

public sealed class GradientDescentTests
{
    [Fact]
    public void Gradient_descent_walks_to_the_minimum_of_a_bowl()
    {
        var path = GradientDescent.Minimize((x, y) => (x - 1) * (x - 1) + 10 * (y + 2) * (y + 2), start: (4, 1), learningRate: 0.05, steps: 200);
        Assert.Equal(201, path.Count);
        Assert.Equal(1, path[^1].X, 3);
        Assert.Equal(-2, path[^1].Y, 3);
    }

    [Fact]
    public void Too_large_a_learning_rate_diverges()
    {
        var path = GradientDescent.Minimize(x => x * x, start: 1, learningRate: 1.1, steps: 30);
        Assert.True(Math.Abs(path[^1]) > Math.Abs(path[0]) * 100);
    }

    [Fact]
    public void The_numerical_gradient_matches_the_exact_one()
    {
        var numeric = GradientDescent.Minimize(x => Math.Sin(x), start: 1, learningRate: 0.1, steps: 10);
        var exact = GradientDescent.Minimize(x => Math.Sin(x), start: 1, learningRate: 0.1, steps: 10, gradient: Math.Cos);
        for (int i = 0; i < exact.Count; i++) Assert.Equal(exact[i], numeric[i], 6);
    }
}
