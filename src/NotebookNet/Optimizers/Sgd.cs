using System.Numerics.Tensors;

namespace NotebookNet.Optimizers;

/// <summary>
/// Stochastic gradient descent, as Keras's SGD:
/// <list type="bullet">
/// <item>plain (μ = 0): w ← w − η g</item>
/// <item>momentum: v ← μ v − η g; w ← w + v</item>
/// <item>Nesterov: v ← μ v − η g; w ← w + μ v − η g</item>
/// </list>
/// </summary>
/// <example><code>model.Compile(new Sgd(learningRate: 0.01, momentum: 0.9), Loss.CategoricalCrossEntropy);</code></example>
public sealed class Sgd : Optimizer
{
    private readonly Dictionary<Parameter, float[]> _velocity = [];

    /// <summary>Creates SGD; defaults as Keras (η = 0.01, no momentum).</summary>
    public Sgd(double learningRate = 0.01, double momentum = 0.0, bool nesterov = false) : base(learningRate)
    {
        if (!(momentum >= 0 && momentum < 1))
            throw new ArgumentOutOfRangeException(nameof(momentum), momentum, $"Sgd: received momentum={momentum}; it must be in [0, 1).");
        Momentum = momentum;
        Nesterov = nesterov;
    }

    /// <summary>The momentum μ.</summary>
    public double Momentum { get; }

    /// <summary>Whether the Nesterov look-ahead is used.</summary>
    public bool Nesterov { get; }

    internal override IReadOnlyList<string> StateNames => Momentum == 0 ? [] : ["velocity"];

    internal override float[] StateOf(string name, Parameter p) => name == "velocity" ? State(_velocity, p) : base.StateOf(name, p);

    /// <inheritdoc/>
    public override void Step(IReadOnlyList<Parameter> parameters)
    {
        float lr = (float)LearningRate, mu = (float)Momentum;
        for (int j = 0; j < parameters.Count; j++)   // an index loop: foreach over the interface would allocate an enumerator
        {
            var p = parameters[j];
            Span<float> w = p.Value.Data, g = p.Gradient.Data;
            if (mu == 0)
            {
                TensorPrimitives.MultiplyAdd(g, -lr, w, w);   // w ← w − η g
                continue;
            }
            Span<float> v = State(_velocity, p);
            for (int i = 0; i < w.Length; i++)
            {
                v[i] = mu * v[i] - lr * g[i];
                w[i] += Nesterov ? mu * v[i] - lr * g[i] : v[i];
            }
        }
        Iterations++;
    }
}
