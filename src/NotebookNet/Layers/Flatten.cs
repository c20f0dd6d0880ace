namespace NotebookNet.Layers;

/// <summary>
/// Flattens each sample to a vector: <c>[N, H, W, C]</c> becomes <c>[N, H·W·C]</c> (row-major, so the channel
/// varies fastest, as Keras's channels_last Flatten). No weights. Needed between convolution/pooling and Dense.
/// </summary>
/// <example><code>model.Add(new Flatten());   // (5, 5, 64) → (1600,)</code></example>
public sealed class Flatten : Layer
{
    private int[]? _inputShape;

    /// <summary>Creates the layer; <paramref name="name"/> defaults to one given by the model.</summary>
    public Flatten(string? name = null) : base(name) { }

    /// <inheritdoc/>
    public override Shape ComputeOutputShape(Shape inputShape)
    {
        ArgumentNullException.ThrowIfNull(inputShape);
        return new Shape(inputShape.Size);
    }

    /// <summary>Returns a view of <paramref name="input"/> with shape <c>[N, features]</c> (the data is shared, not copied).</summary>
    public override Tensor Forward(Tensor input, bool training)
    {
        CheckInput(input);
        _inputShape = input.Shape;
        return input.Reshape(input.Shape[0], OutputShape[0]);
    }

    /// <summary>Returns the gradient reshaped back to the input's shape (a view, not a copy).</summary>
    public override Tensor Backward(Tensor outputGradient)
    {
        var inputShape = _inputShape ?? throw NoForward();
        Require.SameShape(this, outputGradient, [inputShape[0], OutputShape[0]]);
        return outputGradient.Reshape(inputShape);
    }
}
