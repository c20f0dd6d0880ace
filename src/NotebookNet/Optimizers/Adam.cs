using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

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

    internal override IReadOnlyList<string> StateNames => ["m", "v"];

    internal override float[] StateOf(string name, Parameter p) => name switch
    {
        "m" => State(_m, p),
        "v" => State(_v, p),
        _ => base.StateOf(name, p),
    };

    /// <inheritdoc/>
    public override void Step(IReadOnlyList<Parameter> parameters)
    {
        long t = Iterations + 1;
        float b1 = (float)Beta1, b2 = (float)Beta2, eps = (float)Epsilon;
        float lrT = (float)(LearningRate * Math.Sqrt(1 - Math.Pow(Beta2, t)) / (1 - Math.Pow(Beta1, t)));
        for (int j = 0; j < parameters.Count; j++)   // an index loop: foreach over the interface would allocate an enumerator
        {
            var p = parameters[j];
            Span<float> w = p.Value.Data, g = p.Gradient.Data, m = State(_m, p), v = State(_v, p);
            int i = Vector256.IsHardwareAccelerated ? StepVectors(w, g, m, v, b1, b2, eps, lrT) : 0;
            for (; i < w.Length; i++)
            {
                m[i] = b1 * m[i] + (1 - b1) * g[i];
                v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i];
                w[i] -= lrT * m[i] / (MathF.Sqrt(v[i]) + eps);
            }
        }
        Iterations = t;
    }

    // The loop above 8 values at a time, each operation in the same order (and √ and ÷ exact in both), so the
    // result is the same to the bit; returns how many values it did.
    private static int StepVectors(Span<float> w, Span<float> g, Span<float> m, Span<float> v, float b1, float b2, float eps, float lrT)
    {
        ref float rw = ref MemoryMarshal.GetReference(w), rg = ref MemoryMarshal.GetReference(g);
        ref float rm = ref MemoryMarshal.GetReference(m), rv = ref MemoryMarshal.GetReference(v);
        Vector256<float> vb1 = Vector256.Create(b1), vc1 = Vector256.Create(1 - b1), vb2 = Vector256.Create(b2), vc2 = Vector256.Create(1 - b2);
        Vector256<float> vlr = Vector256.Create(lrT), veps = Vector256.Create(eps);
        int i = 0;
        for (; i + 8 <= w.Length; i += 8)
        {
            nuint k = (nuint)i;
            var gi = Vector256.LoadUnsafe(ref rg, k);
            var mi = vb1 * Vector256.LoadUnsafe(ref rm, k) + vc1 * gi;
            var vi = vb2 * Vector256.LoadUnsafe(ref rv, k) + vc2 * gi * gi;
            mi.StoreUnsafe(ref rm, k);
            vi.StoreUnsafe(ref rv, k);
            (Vector256.LoadUnsafe(ref rw, k) - vlr * mi / (Vector256.Sqrt(vi) + veps)).StoreUnsafe(ref rw, k);
        }
        return i;
    }
}
