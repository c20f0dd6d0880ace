using NotebookNet.Compute;

namespace NotebookNet.Layers;

/// <summary>
/// An element-wise activation's seam: the layer's loops (<see cref="ElementwiseActivation.ForwardReference"/>,
/// <see cref="ElementwiseActivation.BackwardReference"/>: f and f′ value by value), or the activation's fast routine
/// where it has one (<see cref="ReluOp"/>). Backward runs the implementation its Forward ran.
/// </summary>
internal class ActivationOp(ElementwiseActivation layer)
{
    private bool _fast;

    /// <summary>False for an activation that has only its reference loops.</summary>
    protected virtual bool HasFastPath => false;

    public void Forward(ReadOnlySpan<float> x, Span<float> y)
    {
        _fast = HasFastPath && !ComputeMode.IsReference;
        if (_fast) ForwardFast(x, y);
        else layer.ForwardReference(x, y);
    }

    public void Backward(ReadOnlySpan<float> y, ReadOnlySpan<float> g, Span<float> dx)
    {
        if (_fast) BackwardFast(y, g, dx);
        else layer.BackwardReference(y, g, dx);
    }

    /// <summary>y = f(x) by the fast routine.</summary>
    protected virtual void ForwardFast(ReadOnlySpan<float> x, Span<float> y) =>
        throw new NotSupportedException($"{layer.TypeName} has no fast routine.");

    /// <summary>dx = g·f′ by the fast routine, f′ read from y = f(x).</summary>
    protected virtual void BackwardFast(ReadOnlySpan<float> y, ReadOnlySpan<float> g, Span<float> dx) =>
        throw new NotSupportedException($"{layer.TypeName} has no fast routine.");
}

/// <summary>ReLU's fast routine (Compute/ActivationFast.cs): the same compare and mask, a vector at a time, on this
/// scope's threads.</summary>
internal sealed class ReluOp(ReLU layer) : ActivationOp(layer)
{
    protected override bool HasFastPath => true;

    protected override void ForwardFast(ReadOnlySpan<float> x, Span<float> y) =>
        ActivationFast.Relu(x, y, ComputeSettings.ThreadCount, ComputeSettings.Path);

    protected override void BackwardFast(ReadOnlySpan<float> y, ReadOnlySpan<float> g, Span<float> dx) =>
        ActivationFast.ReluBackward(g, y, dx, ComputeSettings.ThreadCount, ComputeSettings.Path);
}
