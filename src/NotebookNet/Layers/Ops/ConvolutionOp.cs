using NotebookNet.Compute;

namespace NotebookNet.Layers;

/// <summary>
/// Conv2D's seam: <see cref="Conv2D.ForwardReference"/>/<see cref="Conv2D.BackwardReference"/>, or the fast routine
/// (Compute/Conv2DFast.cs: im2col + GEMM in cache-sized chunks, the bias and a ReLU fused) with its partial sums.
/// </summary>
internal sealed class ConvolutionOp(Conv2D layer) : WeightedOp(layer)
{
    private Scratch _partials;

    protected override void ForwardReference(Tensor input, ReadOnlySpan<float> bias, Tensor z) =>
        Conv2D.ForwardReference(input.Span, Layer.Kernel.Value.Span, bias, z.Span, layer.Geometry(input.Shape[0]));

    protected override void BackwardReference(Tensor input, Tensor dz, Tensor inputGradient, Span<float> biasGradient) =>
        Conv2D.BackwardReference(input.Span, Layer.Kernel.Value.Span, dz.Span, inputGradient.Span, Layer.Kernel.Gradient.Span,
            biasGradient, layer.Geometry(input.Shape[0]));

    protected override void ForwardFast(Tensor input, ReadOnlySpan<float> bias, Tensor z, bool relu) =>
        Conv2DFast.Forward(input.Span, Layer.Kernel.Value.Span, bias, z.Span, layer.Geometry(input.Shape[0]), relu,
            ComputeSettings.ThreadCount, ComputeSettings.Path);

    protected override void BackwardFast(Tensor input, ReadOnlySpan<float> output, Tensor dz, Span<float> inputGradient,
        Span<float> biasGradient, bool relu)
    {
        var g = layer.Geometry(input.Shape[0]);
        int partials = Conv2DFast.PartialsLength(g);
        Conv2DFast.Backward(input.Span, Layer.Kernel.Value.Span, output, dz.Span, inputGradient, Layer.Kernel.Gradient.Span,
            biasGradient, _partials.Get(partials).AsSpan(0, partials), g, relu, ComputeSettings.ThreadCount, ComputeSettings.Path);
    }
}
