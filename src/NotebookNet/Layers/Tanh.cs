namespace NotebookNet.Layers;

/// <summary>
/// Hyperbolic tangent, element-wise, squashing to (−1, 1). Any input shape.
/// What <c>activation: "tanh"</c> adds inside Dense and Conv2D.
/// </summary>
/// <example><code>model.Add(new Tanh());</code></example>
public sealed class Tanh : ElementwiseActivation
{
    /// <summary>Creates the layer; <paramref name="name"/> defaults to one given by the model.</summary>
    public Tanh(string? name = null) : base(name) { }

    /// <summary>tanh(x).</summary>
    protected override float Function(float x) => MathF.Tanh(x);

    /// <summary>d tanh/dx = 1 − tanh²(x).</summary>
    protected override float Derivative(float y) => 1f - y * y;
}
