using NotebookNet.Compute;

namespace NotebookNet.Layers;

/// <summary>
/// MaxPooling2D's seam: <see cref="MaxPooling2D.ForwardReference"/>/<see cref="MaxPooling2D.BackwardReference"/>, or
/// the fast routine (Compute/MaxPoolFast.cs) with this scope's threads. Backward runs the implementation its Forward ran.
/// </summary>
internal sealed class MaxPoolOp
{
    private bool _reference;

    public void Forward(ReadOnlySpan<float> input, Span<float> output, Span<int> argMax, ConvGeometry g)
    {
        _reference = ComputeMode.IsReference;
        if (_reference) MaxPooling2D.ForwardReference(input, output, argMax, g);
        else MaxPoolFast.Forward(input, output, argMax, g, ComputeSettings.ThreadCount, ComputeSettings.Path);
    }

    public void Backward(ReadOnlySpan<float> outputGradient, ReadOnlySpan<int> argMax, Span<float> inputGradient, ConvGeometry g)
    {
        if (_reference) MaxPooling2D.BackwardReference(outputGradient, argMax, inputGradient);
        else MaxPoolFast.Backward(outputGradient, argMax, inputGradient, g, ComputeSettings.ThreadCount, ComputeSettings.Path);
    }
}
