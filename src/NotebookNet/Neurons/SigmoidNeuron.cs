namespace NotebookNet.Neurons;

/// <summary>
/// One neuron with a sigmoid activation trained by (full-batch) gradient descent on the binary cross-entropy:
/// <code>
/// p = σ(w·x + b),  σ(z) = 1 / (1 + e^(−z))
/// L = −(1/N) Σ [t log p + (1 − t) log(1 − p)]
/// ∂L/∂w = (1/N) Σ (p − t) x,  ∂L/∂b = (1/N) Σ (p − t)      (the σ′ cancels against the log's derivative)
/// w ← w − η ∂L/∂w,  b ← b − η ∂L/∂b
/// </code>
/// Unlike the perceptron's step, σ is smooth, so the loss has a gradient everywhere.
/// </summary>
public sealed class SigmoidNeuron
{
    /// <summary>Creates a neuron with zero weights.</summary>
    public SigmoidNeuron(int inputs)
    {
        if (inputs < 1) throw new ArgumentOutOfRangeException(nameof(inputs), inputs, $"SigmoidNeuron: received inputs={inputs}; it needs at least 1 input.");
        Weights = new double[inputs];
    }

    /// <summary>The weights w.</summary>
    public double[] Weights { get; }

    /// <summary>The bias b.</summary>
    public double Bias { get; set; }

    /// <summary>σ(w·x + b) for one sample.</summary>
    public double Predict(ReadOnlySpan<float> x)
    {
        if (x.Length != Weights.Length) throw new ArgumentException($"SigmoidNeuron with {Weights.Length} inputs received {x.Length} values.", nameof(x));
        double z = Bias;
        for (int i = 0; i < x.Length; i++) z += Weights[i] * x[i];
        return 1 / (1 + Math.Exp(-z));
    }

    /// <summary>Mean binary cross-entropy on <paramref name="x"/> <c>[N, inputs]</c> and 0/1 targets.</summary>
    public double Loss(Tensor x, ReadOnlySpan<float> targets)
    {
        int d = Weights.Length;
        double sum = 0;
        for (int n = 0; n < targets.Length; n++)
        {
            double p = Math.Clamp(Predict(x.Data.AsSpan(n * d, d)), 1e-12, 1 - 1e-12);
            sum -= targets[n] * Math.Log(p) + (1 - targets[n]) * Math.Log(1 - p);
        }
        return sum / targets.Length;
    }

    /// <summary>Runs <paramref name="steps"/> full-batch gradient-descent steps; returns the loss before each step and after the last.</summary>
    public IReadOnlyList<double> Train(Tensor x, float[] targets, double learningRate = 0.5, int steps = 100)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(targets);
        if (x.Rank != 2 || x.Shape[1] != Weights.Length)
            throw new ArgumentException($"SigmoidNeuron: x must have shape [N, {Weights.Length}]; received {x.ShapeString}.", nameof(x));
        if (targets.Length != x.Shape[0]) throw new ArgumentException($"SigmoidNeuron: {targets.Length} targets for {x.Shape[0]} samples.", nameof(targets));
        if (!(learningRate > 0)) throw new ArgumentOutOfRangeException(nameof(learningRate), learningRate, $"SigmoidNeuron: received learningRate={learningRate}; it must be positive.");
        int d = Weights.Length, count = targets.Length;
        var losses = new List<double> { Loss(x, targets) };
        var gw = new double[d];
        for (int step = 0; step < steps; step++)
        {
            if (Interruption.IsRequested) throw Interruption.Interrupted("SigmoidNeuron.Train", $"after {step} of {steps} steps");
            Array.Clear(gw);
            double gb = 0;
            for (int n = 0; n < count; n++)
            {
                var xn = x.Data.AsSpan(n * d, d);
                double error = Predict(xn) - targets[n];   // p − t
                for (int i = 0; i < d; i++) gw[i] += error * xn[i] / count;
                gb += error / count;
            }
            for (int i = 0; i < d; i++) Weights[i] -= learningRate * gw[i];
            Bias -= learningRate * gb;
            losses.Add(Loss(x, targets));
        }
        return losses;
    }
}
