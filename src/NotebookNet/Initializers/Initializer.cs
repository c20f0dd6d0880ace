namespace NotebookNet.Initializers;

/// <summary>
/// Fills a new weight tensor. Every initializer draws from the <see cref="Random"/> it is given, so the same
/// model seed gives the same weights.
/// </summary>
public abstract class Initializer
{
    /// <summary>Fills <paramref name="weights"/> for a layer with <paramref name="fanIn"/> inputs and
    /// <paramref name="fanOut"/> outputs per weight.</summary>
    public abstract void Fill(Span<float> weights, int fanIn, int fanOut, Random random);

    /// <summary>Glorot (Xavier) uniform, Keras's default for Dense and Conv2D kernels.</summary>
    public static Initializer GlorotUniform { get; } = new GlorotUniform();

    /// <summary>He normal (truncated is not used), suited to ReLU layers.</summary>
    public static Initializer HeNormal { get; } = new HeNormal();

    /// <summary>He uniform.</summary>
    public static Initializer HeUniform { get; } = new HeUniform();

    /// <summary>All zeros, Keras's default for biases.</summary>
    public static Initializer Zeros { get; } = new Zeros();
}

/// <summary>Uniform on [−limit, limit] with limit = √(6 / (fan_in + fan_out)) (Glorot &amp; Bengio, 2010).</summary>
public sealed class GlorotUniform : Initializer
{
    /// <inheritdoc/>
    public override void Fill(Span<float> weights, int fanIn, int fanOut, Random random)
    {
        double limit = Math.Sqrt(6.0 / (fanIn + fanOut));
        for (int i = 0; i < weights.Length; i++) weights[i] = (float)((random.NextDouble() * 2 - 1) * limit);
    }
}

/// <summary>Uniform on [−limit, limit] with limit = √(6 / fan_in) (He et al., 2015).</summary>
public sealed class HeUniform : Initializer
{
    /// <inheritdoc/>
    public override void Fill(Span<float> weights, int fanIn, int fanOut, Random random)
    {
        double limit = Math.Sqrt(6.0 / fanIn);
        for (int i = 0; i < weights.Length; i++) weights[i] = (float)((random.NextDouble() * 2 - 1) * limit);
    }
}

/// <summary>Normal with mean 0 and standard deviation √(2 / fan_in) (He et al., 2015).</summary>
public sealed class HeNormal : Initializer
{
    /// <inheritdoc/>
    public override void Fill(Span<float> weights, int fanIn, int fanOut, Random random)
    {
        double std = Math.Sqrt(2.0 / fanIn);
        for (int i = 0; i < weights.Length; i++) weights[i] = (float)(Gaussian(random) * std);
    }

    // Box–Muller: two uniforms on (0, 1] give one standard normal.
    private static double Gaussian(Random random)
    {
        double u1 = 1.0 - random.NextDouble(), u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}

/// <summary>All zeros.</summary>
public sealed class Zeros : Initializer
{
    /// <inheritdoc/>
    public override void Fill(Span<float> weights, int fanIn, int fanOut, Random random) => weights.Clear();
}
