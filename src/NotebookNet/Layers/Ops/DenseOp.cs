using NotebookNet.Compute;

namespace NotebookNet.Layers;

/// <summary>
/// Dense's seam: <see cref="Dense.ForwardReference"/>/<see cref="Dense.BackwardReference"/>, or the fast routine
/// (Compute/DenseFast.cs: one GEMM per product, the bias and a ReLU in the same pass) with its scratch space.
/// </summary>
internal sealed class DenseOp(Dense layer) : WeightedOp(layer)
{
    private Scratch _scratch;

    private (int Inputs, int Units) Size => (Layer.InputShape[0], layer.Units);

    protected override void ForwardReference(Tensor input, ReadOnlySpan<float> bias, Tensor z) =>
        Dense.ForwardReference(input.Span, Layer.Kernel.Value.Span, bias, z.Span, input.Shape[0], Size.Inputs, Size.Units);

    protected override void BackwardReference(Tensor input, Tensor dz, Tensor inputGradient, Span<float> biasGradient) =>
        Dense.BackwardReference(input.Span, Layer.Kernel.Value.Span, dz.Span, inputGradient.Span, Layer.Kernel.Gradient.Span,
            biasGradient, input.Shape[0], Size.Inputs, Size.Units);

    protected override void ForwardFast(Tensor input, ReadOnlySpan<float> bias, Tensor z, bool relu)
    {
        var (batch, (inputs, units)) = (input.Shape[0], Size);
        DenseFast.Forward(input.Span, Layer.Kernel.Value.Span, bias, z.Span,
            _scratch.Get(DenseFast.ForwardScratchLength(batch, inputs, units)), batch, inputs, units, relu,
            ComputeSettings.ThreadCount, ComputeSettings.Path);
    }

    protected override void BackwardFast(Tensor input, ReadOnlySpan<float> output, Tensor dz, Span<float> inputGradient,
        Span<float> biasGradient, bool relu)
    {
        var (batch, (inputs, units)) = (input.Shape[0], Size);
        var scratch = _scratch.Get(DenseFast.ScratchLength(batch, inputs, units, relu));
        DenseFast.Backward(input.Span, Layer.Kernel.Value.Span, output, dz.Span, scratch, inputGradient, Layer.Kernel.Gradient.Span,
            biasGradient, batch, inputs, units, relu, ComputeSettings.ThreadCount, ComputeSettings.Path);
    }
}
