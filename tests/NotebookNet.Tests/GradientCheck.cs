using NotebookNet.Layers;

namespace NotebookNet.Tests;

/// <summary>
/// Numerical gradient check by central differences, as CS231n's eval_numerical_gradient.
/// The scalar loss is L = Σ output·R for a fixed random R (computed in double), so dL/dOutput = R is what
/// Backward receives. Every input value and every parameter value v is nudged by ±ε (in float, as the layer
/// stores it) and (L(v + ε) − L(v − ε)) / 2ε is compared with the analytic gradient by relative error
/// |a − n| / max(|a|, |n|, floor). The floor keeps float noise on near-zero gradients from counting as error.
/// </summary>
internal static class GradientCheck
{
    public const double Epsilon = 1e-2;
    public const double Tolerance = 1e-2;
    private const double Floor = 1e-2;

    /// <summary>One compared value: which tensor, which index, both gradients and their relative error.</summary>
    public sealed record Entry(string Tensor, int Index, double Analytic, double Numeric)
    {
        public double RelativeError => Math.Abs(Analytic - Numeric) / Math.Max(Floor, Math.Max(Math.Abs(Analytic), Math.Abs(Numeric)));

        public override string ToString() =>
            $"{Tensor}[{Index}]: analytic {Analytic:G6}, numeric {Numeric:G6}, relative error {RelativeError:G3}";
    }

    /// <summary>Compares the input gradient and every parameter gradient of <paramref name="layer"/> (built) at
    /// <paramref name="input"/>; returns every entry, worst first.</summary>
    public static List<Entry> Compare(Layer layer, Tensor input, int seed = 1, double epsilon = Epsilon, int maxPerTensor = 600)
    {
        var random = new Random(seed);
        var output = layer.Forward(input, training: true);
        var r = TestTensors.Uniform(random, output.Shape);
        var inputGradient = layer.Backward(r.Clone()).Clone();
        var parameterGradients = layer.Parameters.Select(p => p.Gradient.Clone()).ToList();

        double Loss() => Dot(layer.Forward(input, training: true), r);
        var entries = new List<Entry>();
        entries.AddRange(Numeric("input", input.Data, inputGradient.Data, Loss, epsilon, random, maxPerTensor));
        for (int i = 0; i < parameterGradients.Count; i++)
        {
            var p = layer.Parameters[i];
            entries.AddRange(Numeric(p.Name, p.Value.Data, parameterGradients[i].Data, Loss, epsilon, random, maxPerTensor));
        }
        entries.Sort((a, b) => b.RelativeError.CompareTo(a.RelativeError));
        return entries;
    }

    /// <summary>Fails with the worst entries when any relative error exceeds <paramref name="tolerance"/>.</summary>
    public static void AssertGradientsMatch(Layer layer, Tensor input, int seed = 1, double epsilon = Epsilon, double tolerance = Tolerance)
    {
        var entries = Compare(layer, input, seed, epsilon);
        Assert.NotEmpty(entries);
        var bad = entries.Where(e => !(e.RelativeError <= tolerance)).Take(5).ToList();
        Assert.True(bad.Count == 0,
            $"{layer.TypeName}: {entries.Count(e => !(e.RelativeError <= tolerance))} of {entries.Count} gradients differ from " +
            $"central differences by more than {tolerance}:\n" + string.Join("\n", bad));
        // Every parameter was checked, not only the input.
        foreach (var p in layer.Parameters) Assert.Contains(entries, e => e.Tensor == p.Name);
    }

    /// <summary>Σ a·b in double.</summary>
    public static double Dot(Tensor a, Tensor b)
    {
        double sum = 0;
        for (int i = 0; i < a.Length; i++) sum += (double)a.Data[i] * b.Data[i];
        return sum;
    }

    private static IEnumerable<Entry> Numeric(string name, float[] values, float[] analytic, Func<double> loss,
        double epsilon, Random random, int maxPerTensor)
    {
        var indices = Enumerable.Range(0, values.Length).ToArray();
        if (indices.Length > maxPerTensor)
        {
            random.Shuffle(indices);
            indices = indices[..maxPerTensor];
        }
        foreach (int i in indices)
        {
            float original = values[i];
            float plus = (float)(original + epsilon), minus = (float)(original - epsilon);
            values[i] = plus;
            double lossPlus = loss();
            values[i] = minus;
            double lossMinus = loss();
            values[i] = original;
            // Divide by the step actually taken in float, not by the nominal 2ε.
            yield return new Entry(name, i, analytic[i], (lossPlus - lossMinus) / ((double)plus - minus));
        }
    }
}
