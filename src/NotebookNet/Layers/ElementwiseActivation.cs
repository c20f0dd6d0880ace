namespace NotebookNet.Layers;

/// <summary>
/// An activation applied to every value on its own, <c>y = f(x)</c>, as micrograd writes <c>relu</c> and its
/// <c>_backward</c>: a layer of this family is its function <see cref="Function"/> and its derivative
/// <see cref="Derivative"/>; the loops, the buffers and the shape checks are here, once. Any input shape; the
/// output has the same shape. Forward keeps only its output, so the derivative is written in terms of y = f(x).
/// </summary>
public abstract class ElementwiseActivation : Layer
{
    private readonly BatchBuffer _outputs = new();
    private readonly BatchBuffer _inputGradients = new();
    private Tensor? _output;

    /// <summary>Creates the layer; <paramref name="name"/> defaults to one given by the model.</summary>
    private protected ElementwiseActivation(string? name) : base(name) => Op = new ActivationOp(this);

    /// <summary>f(x) for one value.</summary>
    protected abstract float Function(float x);

    /// <summary>df/dx at the input whose output was <paramref name="y"/> = f(x).</summary>
    protected abstract float Derivative(float y);

    /// <inheritdoc/>
    public override Shape ComputeOutputShape(Shape inputShape) => inputShape;

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input, bool training)
    {
        CheckInput(input);
        var output = _outputs.GetLike(input);
        Op.Forward(input.Data, output.Data);   // ForwardReference below, or a fast twin
        _output = output;
        return output;
    }

    /// <inheritdoc/>
    public override Tensor Backward(Tensor outputGradient)
    {
        var output = _output ?? throw NoForward();
        Require.SameShape(this, outputGradient, output.Shape);
        var inputGradient = _inputGradients.GetLike(output);
        Op.Backward(output.Data, outputGradient.Data, inputGradient.Data);
        return inputGradient;
    }

    /// <summary>y[i] = f(x[i]).</summary>
    internal void ForwardReference(ReadOnlySpan<float> x, Span<float> y)
    {
        for (int i = 0; i < x.Length; i++) y[i] = Function(x[i]);
    }

    /// <summary>The chain rule for one value: dx[i] = g[i]·f′(x[i]), with f′ read from y[i] = f(x[i]).</summary>
    internal void BackwardReference(ReadOnlySpan<float> y, ReadOnlySpan<float> g, Span<float> dx)
    {
        for (int i = 0; i < y.Length; i++) dx[i] = g[i] * Derivative(y[i]);
    }

    /// <summary>The seam that runs the loops above or a fast routine (an activation that has one sets its own).</summary>
    private protected ActivationOp Op { get; init; }
}
