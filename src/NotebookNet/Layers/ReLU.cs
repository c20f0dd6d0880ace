namespace NotebookNet.Layers;

/// <summary>
/// Rectified linear unit, element-wise: <c>relu(x) = max(0, x)</c>. Any input shape; output has the same shape.
/// Keras's <c>ReLU</c> layer, also what <c>activation: "relu"</c> adds inside Dense and Conv2D.
/// </summary>
/// <example><code>model.Add(new ReLU());</code></example>
public sealed class ReLU : Layer
{
    private Tensor? _output;

    /// <summary>Creates the layer; <paramref name="name"/> defaults to one given by the model.</summary>
    public ReLU(string? name = null) : base(name) { }

    /// <inheritdoc/>
    public override Shape ComputeOutputShape(Shape inputShape) => inputShape;

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input, bool training)
    {
        CheckInput(input);
        var output = new Tensor(input.Shape);
        var x = input.Data;
        var y = output.Data;
        for (int i = 0; i < x.Length; i++) y[i] = x[i] > 0f ? x[i] : 0f;
        _output = output;
        return output;
    }

    /// <inheritdoc/>
    public override Tensor Backward(Tensor outputGradient)
    {
        var output = _output ?? throw NoForward();
        Require.SameShape(this, outputGradient, output.Shape);
        // d relu/dx is 1 where x > 0 and 0 elsewhere (0 at the kink, as Keras). y > 0 exactly when x > 0,
        // so the output is all Backward needs. A unit that never fires gets no gradient: the "dead ReLU".
        var inputGradient = new Tensor(output.Shape);
        var y = output.Data;
        var g = outputGradient.Data;
        var dx = inputGradient.Data;
        for (int i = 0; i < y.Length; i++) dx[i] = y[i] > 0f ? g[i] : 0f;
        return inputGradient;
    }
}
