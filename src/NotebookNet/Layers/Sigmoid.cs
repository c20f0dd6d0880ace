namespace NotebookNet.Layers;

/// <summary>
/// Logistic sigmoid, element-wise: <c>σ(x) = 1 / (1 + e^(−x))</c>, squashing to (0, 1). Any input shape.
/// What <c>activation: "sigmoid"</c> adds inside Dense and Conv2D; pairs with binary cross-entropy.
/// </summary>
/// <example><code>model.Add(new Sigmoid());</code></example>
public sealed class Sigmoid : Layer
{
    private readonly BatchBuffer _outputs = new();
    private readonly BatchBuffer _inputGradients = new();
    private Tensor? _output;

    /// <summary>Creates the layer; <paramref name="name"/> defaults to one given by the model.</summary>
    public Sigmoid(string? name = null) : base(name) { }

    /// <inheritdoc/>
    public override Shape ComputeOutputShape(Shape inputShape) => inputShape;

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input, bool training)
    {
        CheckInput(input);
        var output = _outputs.GetLike(input);
        var x = input.Data;
        var y = output.Data;
        for (int i = 0; i < x.Length; i++)
        {
            // For x < 0 use e^x / (1 + e^x): same value, but e^x cannot overflow.
            float e = MathF.Exp(-MathF.Abs(x[i]));
            y[i] = x[i] >= 0f ? 1f / (1f + e) : e / (1f + e);
        }
        _output = output;
        return output;
    }

    /// <inheritdoc/>
    public override Tensor Backward(Tensor outputGradient)
    {
        var output = _output ?? throw NoForward();
        Require.SameShape(this, outputGradient, output.Shape);
        // dσ/dx = σ(x)·(1 − σ(x)): the output alone gives the derivative.
        var inputGradient = _inputGradients.GetLike(output);
        var y = output.Data;
        var g = outputGradient.Data;
        var dx = inputGradient.Data;
        for (int i = 0; i < y.Length; i++) dx[i] = g[i] * y[i] * (1f - y[i]);
        return inputGradient;
    }
}
