namespace NotebookNet.Layers;

/// <summary>
/// Flattens each sample to a vector: <c>[N, H, W, C]</c> becomes <c>[N, H·W·C]</c> (row-major, so the channel
/// varies fastest, as Keras's channels_last Flatten). No weights. Needed between convolution/pooling and Dense.
/// </summary>
/// <example><code>model.Add(new Flatten());   // (5, 5, 64) → (1600,)</code></example>
public sealed class Flatten : Layer
{
    private int[]? _inputShape;
    // The last two views made on each side (full batches and a smaller last batch alternate in Fit), reused when the
    // same tensor comes again, so that a training batch allocates nothing.
    private readonly ViewCache _forwardViews = new(), _backwardViews = new();

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
        return _forwardViews.Of(input, input.Shape[0], OutputShape[0]);
    }

    /// <summary>Returns the gradient reshaped back to the input's shape (a view, not a copy).</summary>
    public override Tensor Backward(Tensor outputGradient)
    {
        var inputShape = _inputShape ?? throw NoForward();
        Require.SameShape(this, outputGradient, [inputShape[0], OutputShape[0]]);
        return _backwardViews.Of(outputGradient, inputShape);
    }

    private sealed class ViewCache
    {
        private (Tensor Source, Tensor View)? _recent, _older;

        public Tensor Of(Tensor source, params ReadOnlySpan<int> shape)
        {
            if (Matches(_recent, source, shape)) return _recent!.Value.View;
            if (Matches(_older, source, shape))
            {
                (_recent, _older) = (_older, _recent);
                return _recent!.Value.View;
            }
            _older = _recent;
            _recent = (source, source.Reshape(shape.ToArray()));
            return _recent.Value.View;
        }

        private static bool Matches((Tensor Source, Tensor View)? entry, Tensor source, ReadOnlySpan<int> shape) =>
            entry is { } e && ReferenceEquals(e.Source, source) && e.View.Shape.AsSpan().SequenceEqual(shape);
    }
}
