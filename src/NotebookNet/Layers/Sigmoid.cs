namespace NotebookNet.Layers;

/// <summary>
/// Logistic sigmoid, element-wise: <c>σ(x) = 1 / (1 + e^(−x))</c>, squashing to (0, 1). Any input shape.
/// What <c>activation: "sigmoid"</c> adds inside Dense and Conv2D; pairs with binary cross-entropy.
/// </summary>
/// <example><code>model.Add(new Sigmoid());</code></example>
public sealed class Sigmoid : ElementwiseActivation
{
    /// <summary>Creates the layer; <paramref name="name"/> defaults to one given by the model.</summary>
    public Sigmoid(string? name = null) : base(name) { }

    /// <summary>σ(x); for x &lt; 0 as e^x / (1 + e^x): the same value, but e^x cannot overflow.</summary>
    protected override float Function(float x)
    {
        float e = MathF.Exp(-MathF.Abs(x));
        return x >= 0f ? 1f / (1f + e) : e / (1f + e);
    }

    /// <summary>dσ/dx = σ(x)·(1 − σ(x)): the output alone gives the derivative.</summary>
    protected override float Derivative(float y) => y * (1f - y);
}
