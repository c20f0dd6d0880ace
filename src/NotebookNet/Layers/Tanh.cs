namespace NotebookNet.Layers;

/// <summary>
/// Hyperbolic tangent, element-wise, squashing to (−1, 1). Any input shape.
/// What <c>activation: "tanh"</c> adds inside Dense and Conv2D.
/// </summary>
/// <example><code>model.Add(new Tanh());</code></example>
public sealed class Tanh : Layer
{
    private readonly BatchBuffer _outputs = new();
    private readonly BatchBuffer _inputGradients = new();
    private Tensor? _output;

    /// <summary>Creates the layer; <paramref name="name"/> defaults to one given by the model.</summary>
    public Tanh(string? name = null) : base(name) { }

    /// <inheritdoc/>
    public override Shape ComputeOutputShape(Shape inputShape) => inputShape;

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input, bool training)
    {
        CheckInput(input);
        var output = _outputs.GetLike(input);
        var x = input.Data;
        var y = output.Data;
        for (int i = 0; i < x.Length; i++) y[i] = MathF.Tanh(x[i]);
        _output = output;
        return output;
    }

    /// <inheritdoc/>
    public override Tensor Backward(Tensor outputGradient)
    {
        var output = _output ?? throw NoForward();
        Require.SameShape(this, outputGradient, output.Shape);
        // d tanh/dx = 1 − tanh²(x).
        var inputGradient = _inputGradients.GetLike(output);
        var y = output.Data;
        var g = outputGradient.Data;
        var dx = inputGradient.Data;
        for (int i = 0; i < y.Length; i++) dx[i] = g[i] * (1f - y[i] * y[i]);
        return inputGradient;
    }
}
