namespace NotebookNet.Layers;

/// <summary>LocallyConnected2D's seam: it has only its reference loops, so it always runs them.</summary>
internal sealed class LocallyConnectedOp(LocallyConnected2D layer) : WeightedOp(layer)
{
    protected override bool HasFastPath => false;

    protected override void ForwardReference(Tensor input, ReadOnlySpan<float> bias, Tensor z) =>
        LocallyConnected2D.ForwardReference(input.Span, Layer.Kernel.Value.Span, bias, z.Span, layer.Geometry(input.Shape[0]));

    protected override void BackwardReference(Tensor input, Tensor dz, Tensor inputGradient, Span<float> biasGradient) =>
        LocallyConnected2D.BackwardReference(input.Span, Layer.Kernel.Value.Span, dz.Span, inputGradient.Span,
            Layer.Kernel.Gradient.Span, biasGradient, layer.Geometry(input.Shape[0]));
}
