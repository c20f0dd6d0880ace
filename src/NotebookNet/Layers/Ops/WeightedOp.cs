using NotebookNet.Compute;

namespace NotebookNet.Layers;

/// <summary>
/// The one seam between a weighted layer's maths and the fast routines. Forward computes
/// <c>z = x ⊛ kernel + bias</c> either with the layer's reference loops (inside a <see cref="ComputeMode.Reference"/>
/// scope, or when the layer has no fast routine) or with the fast routine, then applies the activation. A ReLU
/// activation is fused into the fast routines (forward epilogue, backward mask); other activations run as layers.
/// This class owns the choice, the reused output and gradient buffers and the fused activation; Backward uses the
/// implementation its Forward used, even if the scope changed in between.
/// </summary>
internal abstract class WeightedOp(WeightedLayer layer)
{
    private readonly BatchBuffer _outputs = new();
    private readonly BatchBuffer _inputGradients = new();
    private Tensor? _input;
    private Tensor? _output;
    private bool _fast;
    private bool _fusedRelu;

    /// <summary>The layer whose maths this runs.</summary>
    protected WeightedLayer Layer { get; } = layer;

    /// <summary>False for a layer that has only its reference loops.</summary>
    protected virtual bool HasFastPath => true;

    public Tensor Forward(Tensor input, bool training)
    {
        var z = _outputs.Get(input.Shape[0], Layer.OutputShape);
        var bias = Layer.Bias is { } b ? b.Value.Span : default;
        _input = input;
        _fast = HasFastPath && !ComputeMode.IsReference;
        _fusedRelu = _fast && Layer.Activation is ReLU;
        if (_fast) ForwardFast(input, bias, z, _fusedRelu);
        else ForwardReference(input, bias, z);
        _output = z;
        return _fusedRelu ? z : Layer.Activation?.Forward(z, training) ?? z;
    }

    /// <summary>Sets the kernel and bias gradients and returns dLoss/dInput, or null when
    /// <paramref name="inputGradientNeeded"/> is false and the fast routine could skip it.</summary>
    public Tensor? Backward(Tensor outputGradient, bool inputGradientNeeded)
    {
        var input = _input ?? throw Layer.NoForward();
        int rank = Layer.OutputShape.Rank;
        Span<int> shape = stackalloc int[rank + 1];
        shape[0] = input.Shape[0];
        for (int i = 0; i < rank; i++) shape[i + 1] = Layer.OutputShape[i];
        Require.SameShape(Layer, outputGradient, shape);
        var biasGradient = Layer.Bias is { } b ? b.Gradient.Span : default;
        var dz = _fusedRelu ? outputGradient : Layer.Activation?.Backward(outputGradient) ?? outputGradient;
        if (!_fast)
        {
            var inputGradient = _inputGradients.GetLike(input);
            BackwardReference(input, dz, inputGradient, biasGradient);
            return inputGradient;
        }
        var dx = inputGradientNeeded ? _inputGradients.GetLike(input) : null;
        BackwardFast(input, _fusedRelu ? _output!.Span : default, dz, dx is null ? default : dx.Span, biasGradient, _fusedRelu);
        return dx;
    }

    /// <summary>z = x ⊛ kernel + bias by the layer's reference loops (an empty <paramref name="bias"/>: none).</summary>
    protected abstract void ForwardReference(Tensor input, ReadOnlySpan<float> bias, Tensor z);

    /// <summary>Kernel, bias and input gradients from dz = dLoss/dz by the layer's reference loops.</summary>
    protected abstract void BackwardReference(Tensor input, Tensor dz, Tensor inputGradient, Span<float> biasGradient);

    /// <summary>z = x ⊛ kernel + bias by the fast routine, with a ReLU when <paramref name="relu"/>.</summary>
    protected virtual void ForwardFast(Tensor input, ReadOnlySpan<float> bias, Tensor z, bool relu) =>
        throw new NotSupportedException($"{Layer.TypeName} has no fast routine.");

    /// <summary>The gradients by the fast routine; with <paramref name="relu"/>, dz is masked by the forward
    /// <paramref name="output"/>. An empty <paramref name="inputGradient"/> skips dLoss/dInput.</summary>
    protected virtual void BackwardFast(Tensor input, ReadOnlySpan<float> output, Tensor dz, Span<float> inputGradient,
        Span<float> biasGradient, bool relu) =>
        throw new NotSupportedException($"{Layer.TypeName} has no fast routine.");
}
