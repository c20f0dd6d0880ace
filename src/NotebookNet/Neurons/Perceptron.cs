namespace NotebookNet.Neurons;

/// <summary>
/// Rosenblatt's perceptron: one neuron with a step activation, y = step(w·x + b) where step(z) = 1 if z ≥ 0 else 0.
/// The perceptron learning rule, for each sample with target t: w ← w + η (t − y) x; b ← b + η (t − y).
/// It converges when the classes are linearly separable (AND, OR) and never on XOR.
/// </summary>
/// <example><code>
/// var p = new Perceptron(inputs: 2);
/// var result = p.Train(x, targets, epochs: 20);   // x: [4, 2], targets: {0, 0, 0, 1}
/// Console.WriteLine(result.Converged);             // True for AND
/// </code></example>
public sealed class Perceptron
{
    /// <summary>Creates a perceptron with small random weights from <paramref name="seed"/> (or zeros when seed is null).</summary>
    public Perceptron(int inputs, double learningRate = 0.1, int? seed = 0)
    {
        if (inputs < 1) throw new ArgumentOutOfRangeException(nameof(inputs), inputs, $"Perceptron: received inputs={inputs}; it needs at least 1 input.");
        if (!(learningRate > 0)) throw new ArgumentOutOfRangeException(nameof(learningRate), learningRate, $"Perceptron: received learningRate={learningRate}; it must be positive.");
        LearningRate = learningRate;
        Weights = new float[inputs];
        if (seed is { } s)
        {
            var random = new Random(s);
            for (int i = 0; i < inputs; i++) Weights[i] = (float)(random.NextDouble() - 0.5) * 0.2f;
        }
    }

    /// <summary>The weights w, one per input.</summary>
    public float[] Weights { get; }

    /// <summary>The bias b (the threshold is −b).</summary>
    public float Bias { get; set; }

    /// <summary>The learning rate η.</summary>
    public double LearningRate { get; }

    /// <summary>The weighted sum z = w·x + b.</summary>
    public float Net(ReadOnlySpan<float> x)
    {
        CheckInputs(x.Length, "x");
        float z = Bias;
        for (int i = 0; i < x.Length; i++) z += Weights[i] * x[i];
        return z;
    }

    /// <summary>The output: 1 if w·x + b ≥ 0, else 0.</summary>
    public int Predict(ReadOnlySpan<float> x) => Net(x) >= 0 ? 1 : 0;

    /// <summary>The output for every row of <paramref name="x"/> <c>[N, inputs]</c>.</summary>
    public int[] Predict(Tensor x)
    {
        CheckBatch(x);
        int d = Weights.Length;
        return Enumerable.Range(0, x.Shape[0]).Select(n => Predict(x.Data.AsSpan(n * d, d))).ToArray();
    }

    /// <summary>
    /// Applies the learning rule sample by sample, in order, for up to <paramref name="epochs"/> passes; stops early after a
    /// pass without mistakes. Returns the number of mistakes in every pass and the weights after each pass.
    /// </summary>
    public PerceptronTraining Train(Tensor x, int[] targets, int epochs = 100)
    {
        CheckBatch(x);
        ArgumentNullException.ThrowIfNull(targets);
        if (targets.Length != x.Shape[0])
            throw new ArgumentException($"Perceptron: {targets.Length} targets for {x.Shape[0]} samples.", nameof(targets));
        for (int i = 0; i < targets.Length; i++)
            if (targets[i] is not (0 or 1)) throw new ArgumentException($"Perceptron: targets[{i}] = {targets[i]}; targets must be 0 or 1.", nameof(targets));
        if (epochs < 1) throw new ArgumentOutOfRangeException(nameof(epochs), epochs, $"Perceptron: received epochs={epochs}; it must be at least 1.");

        int d = Weights.Length;
        var mistakes = new List<int>();
        var snapshots = new List<(float[] Weights, float Bias)>();
        for (int epoch = 0; epoch < epochs; epoch++)
        {
            if (Interruption.IsRequested) throw Interruption.Interrupted("Perceptron.Train", $"after {epoch} of {epochs} epochs");
            int errors = 0;
            for (int n = 0; n < targets.Length; n++)
            {
                var xn = x.Data.AsSpan(n * d, d);
                int error = targets[n] - Predict(xn);   // −1, 0 or +1
                if (error == 0) continue;
                errors++;
                float step = (float)(LearningRate * error);
                for (int i = 0; i < d; i++) Weights[i] += step * xn[i];
                Bias += step;
            }
            mistakes.Add(errors);
            snapshots.Add(((float[])Weights.Clone(), Bias));
            if (errors == 0) break;
        }
        return new PerceptronTraining(mistakes, snapshots, mistakes[^1] == 0);
    }

    private void CheckBatch(Tensor x)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.Rank != 2) throw new ArgumentException($"Perceptron: x must have shape [N, {Weights.Length}]; received {x.ShapeString}.", nameof(x));
        CheckInputs(x.Shape[1], "x");
    }

    private void CheckInputs(int count, string name)
    {
        if (count != Weights.Length)
            throw new ArgumentException($"Perceptron with {Weights.Length} inputs received {count} values in {name}.", name);
    }
}

/// <summary>The outcome of <see cref="Perceptron.Train"/>.</summary>
/// <param name="MistakesPerEpoch">Misclassified samples in each pass.</param>
/// <param name="WeightsPerEpoch">Weights and bias after each pass (to draw the moving decision boundary).</param>
/// <param name="Converged">True if the last pass made no mistake.</param>
public sealed record PerceptronTraining(IReadOnlyList<int> MistakesPerEpoch, IReadOnlyList<(float[] Weights, float Bias)> WeightsPerEpoch, bool Converged)
{
    /// <summary>Passes made.</summary>
    public int Epochs => MistakesPerEpoch.Count;
}
