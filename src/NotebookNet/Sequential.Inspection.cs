namespace NotebookNet;

/// <summary>Gradients of the loss for one batch: with respect to the input and to every layer's output.</summary>
/// <param name="Input">dLoss/dInput, shaped like the input batch.</param>
/// <param name="LayerOutputs">dLoss/d(output of layer i), one per layer.</param>
public sealed record GradientTrace(Tensor Input, IReadOnlyList<Tensor> LayerOutputs);

public sealed partial class Sequential
{
    /// <summary>
    /// The output of every layer for <paramref name="x"/> (inference mode): element i is layer i's output,
    /// e.g. a conv layer's feature maps <c>[N, H, W, filters]</c>.
    /// </summary>
    public IReadOnlyList<Tensor> Activations(Tensor x)
    {
        CheckX(x, nameof(x));
        var outputs = new List<Tensor>(_layers.Count);
        var t = x;
        foreach (var layer in _layers)
        {
            if (Interruption.IsRequested) throw Interruption.Interrupted($"Sequential '{Name}'.Activations", $"before layer '{layer.Name}'");
            t = layer.Forward(t, training: false);
            outputs.Add(t.Clone());   // layers reuse their output tensors from call to call: keep a copy
        }
        return outputs;
    }

    /// <summary>The output of one layer (by index) for <paramref name="x"/>.</summary>
    public Tensor Activations(Tensor x, int layerIndex)
    {
        CheckLayerIndex(layerIndex);
        return Activations(x)[layerIndex];
    }

    /// <summary>
    /// Gradients of the loss for the batch <paramref name="x"/>, <paramref name="y"/>, with respect to the input and to
    /// each layer's output, without changing any weight. Shows where gradient flows: after stride 2 and 2×2 max pooling
    /// only a sixteenth of the first layer's input locations receive any.
    /// </summary>
    public GradientTrace Gradients(Tensor x, Tensor y)
    {
        CheckX(x, nameof(x));
        CheckY(x, y, nameof(y));
        Interruption.ThrowIfRequested($"Sequential '{Name}'.Gradients");
        var output = ForwardForGradient(x, _layers.Count - 1);
        var gradient = new Tensor(output.Shape);
        ComputeLoss(output, y, gradient);
        return BackwardTrace(gradient, _layers.Count - 1);
    }

    /// <summary>
    /// d(mean activation of one unit of layer <paramref name="layerIndex"/>)/d(input): the unit is a channel of a conv
    /// layer (averaged over all positions) or one output of a dense layer. Used for activation maximisation
    /// ("Deep Dream"): step the input along this gradient to make the unit fire more.
    /// </summary>
    public Tensor InputGradient(Tensor x, int layerIndex, int unit)
    {
        CheckX(x, nameof(x));
        CheckLayerIndex(layerIndex);
        var shape = _layers[layerIndex].OutputShape;
        int channels = shape[shape.Rank - 1];
        if (unit < 0 || unit >= channels)
            throw new ArgumentOutOfRangeException(nameof(unit), unit, $"Layer '{_layers[layerIndex].Name}' has {channels} units (channels); received unit={unit}.");
        var seed = new Tensor(shape.WithBatch(x.Shape[0]));
        int positions = shape.Size / channels;
        for (int i = unit; i < seed.Length; i += channels) seed.Data[i] = 1f / positions;
        return InputGradient(x, layerIndex, seed);
    }

    /// <summary>d(Σ outputGradient · output of layer <paramref name="layerIndex"/>)/d(input) for any seed gradient.</summary>
    public Tensor InputGradient(Tensor x, int layerIndex, Tensor outputGradient)
    {
        CheckX(x, nameof(x));
        CheckLayerIndex(layerIndex);
        Interruption.ThrowIfRequested($"Sequential '{Name}'.InputGradient");
        var output = ForwardForGradient(x, layerIndex);
        if (!output.Shape.AsSpan().SequenceEqual(outputGradient.Shape))
            throw new ArgumentException($"outputGradient has shape {outputGradient.ShapeString} but layer '{_layers[layerIndex].Name}' outputs {output.ShapeString}.", nameof(outputGradient));
        return WithoutFusion(() => BackwardTrace(outputGradient, layerIndex).Input);
    }

    // An inference-mode forward: layers keep what Backward needs in either mode, and Dropout is then the identity,
    // so the gradient is that of the model as Predict sees it.
    private Tensor ForwardForGradient(Tensor x, int lastLayer)
    {
        var t = x;
        for (int i = 0; i <= lastLayer; i++) t = _layers[i].Forward(t, training: false);
        return t;
    }

    private GradientTrace BackwardTrace(Tensor outputGradient, int lastLayer)
    {
        var grads = new Tensor[_layers.Count];
        var g = outputGradient;
        for (int i = lastLayer; i >= 0; i--)
        {
            grads[i] = g.Clone();
            g = _layers[i].Backward(g);
        }
        for (int i = lastLayer + 1; i < grads.Length; i++) grads[i] = new Tensor(_layers[i].OutputShape.WithBatch(outputGradient.Shape[0]));
        return new GradientTrace(g.Clone(), grads);
    }

    private void CheckLayerIndex(int layerIndex)
    {
        if (!IsCompiled) throw NotCompiled();
        if (layerIndex < 0 || layerIndex >= _layers.Count)
            throw new ArgumentOutOfRangeException(nameof(layerIndex), layerIndex, $"Sequential '{Name}' has layers 0..{_layers.Count - 1}; received layerIndex={layerIndex}.");
    }
}
