namespace NotebookNet.Optimizers;

/// <summary>
/// Adam (Kingma &amp; Ba, 2015) as Keras computes it, with step t counted from 1:
/// <code>
/// m ← β₁ m + (1 − β₁) g
/// v ← β₂ v + (1 − β₂) g²
/// η_t = η · √(1 − β₂ᵗ) / (1 − β₁ᵗ)
/// w ← w − η_t · m / (√v + ε)
/// </code>
/// </summary>
/// <example><code>model.Compile(new Adam(learningRate: 0.001), Loss.CategoricalCrossEntropy, Metric.Accuracy);</code></example>
public sealed class Adam : Optimizer
{
    private readonly Dictionary<Parameter, float[]> _m = [];
    private readonly Dictionary<Parameter, float[]> _v = [];

    /// <summary>Creates Adam; defaults as Keras (η = 0.001, β₁ = 0.9, β₂ = 0.999, ε = 1e-7).</summary>
    public Adam(double learningRate = 0.001, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-7) : base(learningRate)
    {
        if (!(beta1 >= 0 && beta1 < 1)) throw new ArgumentOutOfRangeException(nameof(beta1), beta1, $"Adam: received beta1={beta1}; it must be in [0, 1).");
        if (!(beta2 >= 0 && beta2 < 1)) throw new ArgumentOutOfRangeException(nameof(beta2), beta2, $"Adam: received beta2={beta2}; it must be in [0, 1).");
        if (!(epsilon > 0)) throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, $"Adam: received epsilon={epsilon}; it must be positive.");
        Beta1 = beta1;
        Beta2 = beta2;
        Epsilon = epsilon;
    }

    /// <summary>Decay rate β₁ of the first moment.</summary>
    public double Beta1 { get; }

    /// <summary>Decay rate β₂ of the second moment.</summary>
    public double Beta2 { get; }

    /// <summary>ε added to √v.</summary>
    public double Epsilon { get; }

    /// <inheritdoc/>
    public override void Step(IReadOnlyList<Parameter> parameters)
    {
        long t = Iterations + 1;
        float b1 = (float)Beta1, b2 = (float)Beta2, eps = (float)Epsilon;
        float lrT = (float)(LearningRate * Math.Sqrt(1 - Math.Pow(Beta2, t)) / (1 - Math.Pow(Beta1, t)));
        foreach (var p in parameters)
        {
            Span<float> w = p.Value.Data, g = p.Gradient.Data, m = State(_m, p), v = State(_v, p);
            for (int i = 0; i < w.Length; i++)
            {
                m[i] = b1 * m[i] + (1 - b1) * g[i];
                v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i];
                w[i] -= lrT * m[i] / (MathF.Sqrt(v[i]) + eps);
            }
        }
        Iterations = t;
    }
}
