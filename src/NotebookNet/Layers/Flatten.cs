namespace NotebookNet.Layers;

/// <summary>
/// Flattens each sample to a vector: <c>[N, H, W, C]</c> becomes <c>[N, H·W·C]</c> (row-major, so the channel
/// varies fastest, as Keras's channels_last Flatten). No weights. Needed between convolution/pooling and Dense.
/// </summary>
/// <example><code>model.Add(new Flatten());   // (5, 5, 64) → (1600,)</code></example>
public sealed class Flatten : Layer
{
    private int[]? _inputShape;
    // The last view made of each side, reused when the same tensor comes again (as Fit's reused buffers do).
    private (Tensor Source, Tensor View)? _forwardView, _backwardView;

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
        return View(ref _forwardView, input, input.Shape[0], OutputShape[0]);
    }

    /// <summary>Returns the gradient reshaped back to the input's shape (a view, not a copy).</summary>
    public override Tensor Backward(Tensor outputGradient)
    {
        var inputShape = _inputShape ?? throw NoForward();
        Require.SameShape(this, outputGradient, [inputShape[0], OutputShape[0]]);
        return View(ref _backwardView, outputGradient, inputShape);
    }

    private static Tensor View(ref (Tensor Source, Tensor View)? cache, Tensor source, params ReadOnlySpan<int> shape)
    {
        if (cache is { } c && ReferenceEquals(c.Source, source) && c.View.Shape.AsSpan().SequenceEqual(shape)) return c.View;
        var view = source.Reshape(shape.ToArray());
        cache = (source, view);
        return view;
    }
}
