namespace NotebookNet.Layers;

/// <summary>
/// Global average pooling: the mean of each channel over the whole image, <c>[N, H, W, C]</c> → <c>[N, C]</c>, as
/// Keras's <c>GlobalAveragePooling2D</c>. No weights. Often replaces Flatten before the last Dense layer: the count of
/// weights after it no longer grows with the image size. In Backward every pixel of a channel gets 1/(H·W) of its gradient.
/// </summary>
/// <example><code>
/// model.Add(new GlobalAveragePooling2D());   // (5, 5, 64) → (64,)
/// model.Add(new Dense(10, activation: "softmax"));   // (64 + 1)·10 = 650 weights instead of 16,010 after Flatten
/// </code></example>
public sealed class GlobalAveragePooling2D : Layer
{
    private int _batch = -1;
    private readonly BatchBuffer _outputs = new();
    private readonly BatchBuffer _inputGradients = new();

    /// <summary>Creates the layer; <paramref name="name"/> defaults to one given by the model.</summary>
    public GlobalAveragePooling2D(string? name = null) : base(name) { }

    /// <inheritdoc/>
    public override Shape ComputeOutputShape(Shape inputShape)
    {
        ArgumentNullException.ThrowIfNull(inputShape);
        if (inputShape.Rank != 3)
            throw Mismatch("(height, width, channels): one image per sample, channels last", inputShape);
        return new Shape(inputShape[2]);
    }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input, bool training)
    {
        CheckInput(input);
        _batch = input.Shape[0];
        var output = _outputs.Get(_batch, OutputShape);
        ForwardReference(input.Span, output.Span, _batch, InputShape[0] * InputShape[1], InputShape[2]);
        return output;
    }

    /// <inheritdoc/>
    public override Tensor Backward(Tensor outputGradient)
    {
        if (_batch < 0) throw NoForward();
        Require.SameShape(this, outputGradient, [_batch, InputShape[2]]);
        var inputGradient = _inputGradients.Get(_batch, InputShape);
        BackwardReference(outputGradient.Span, inputGradient.Span, _batch, InputShape[0] * InputShape[1], InputShape[2]);
        return inputGradient;
    }

    /// <summary>y[n, c] = (1/P)·Σ_p x[n, p, c] over the P = H·W pixels (a pixel's channels are contiguous in NHWC).</summary>
    internal static void ForwardReference(ReadOnlySpan<float> input, Span<float> output, int batch, int pixels, int channels)
    {
        for (int n = 0; n < batch; n++)
        {
            var y = output.Slice(n * channels, channels);
            y.Clear();
            for (int p = 0; p < pixels; p++)
            {
                var x = input.Slice((n * pixels + p) * channels, channels);
                for (int c = 0; c < channels; c++) y[c] += x[c];
            }
            for (int c = 0; c < channels; c++) y[c] /= pixels;
        }
    }

    /// <summary>dx[n, p, c] = G[n, c]/P for every pixel p.</summary>
    internal static void BackwardReference(ReadOnlySpan<float> outputGradient, Span<float> inputGradient, int batch, int pixels, int channels)
    {
        for (int n = 0; n < batch; n++)
        {
            var g = outputGradient.Slice(n * channels, channels);
            for (int p = 0; p < pixels; p++)
            {
                var dx = inputGradient.Slice((n * pixels + p) * channels, channels);
                for (int c = 0; c < channels; c++) dx[c] = g[c] / pixels;
            }
        }
    }
}
