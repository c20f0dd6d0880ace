using NotebookNet.Kernels;

namespace NotebookNet.Layers;

/// <summary>
/// Rectified linear unit, element-wise: <c>relu(x) = max(0, x)</c>. Any input shape; output has the same shape.
/// Keras's <c>ReLU</c> layer, also what <c>activation: "relu"</c> adds inside Dense and Conv2D (whose fast kernels
/// apply it in the same pass as the bias).
/// </summary>
/// <example><code>model.Add(new ReLU());</code></example>
public sealed class ReLU : Layer
{
    private Tensor? _output;
    private readonly BatchBuffer _outputs = new();
    private readonly BatchBuffer _inputGradients = new();

    /// <summary>Creates the layer; <paramref name="name"/> defaults to one given by the model.</summary>
    public ReLU(string? name = null) : base(name) { }

    /// <inheritdoc/>
    public override Shape ComputeOutputShape(Shape inputShape) => inputShape;

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input, bool training)
    {
        CheckInput(input);
        var output = _outputs.GetLike(input);
        if (KernelSettings.UseReferenceLayers) ForwardReference(input.Data, output.Data);
        else ActivationKernels.Relu(input.Data, output.Data, KernelSettings.ThreadCount, KernelSettings.Path);
        _output = output;
        return output;
    }

    /// <inheritdoc/>
    public override Tensor Backward(Tensor outputGradient)
    {
        var output = _output ?? throw NoForward();
        Require.SameShape(this, outputGradient, output.Shape);
        var inputGradient = _inputGradients.GetLike(output);
        if (KernelSettings.UseReferenceLayers) BackwardReference(output.Data, outputGradient.Data, inputGradient.Data);
        else ActivationKernels.ReluBackward(outputGradient.Data, output.Data, inputGradient.Data, KernelSettings.ThreadCount, KernelSettings.Path);
        return inputGradient;
    }

    /// <summary>y = x where x &gt; 0, else 0.</summary>
    internal static void ForwardReference(ReadOnlySpan<float> x, Span<float> y)
    {
        for (int i = 0; i < x.Length; i++) y[i] = x[i] > 0f ? x[i] : 0f;
    }

    /// <summary>
    /// d relu/dx is 1 where x &gt; 0 and 0 elsewhere (0 at the kink, as Keras). y &gt; 0 exactly when x &gt; 0,
    /// so the output is all Backward needs. A unit that never fires gets no gradient: the "dead ReLU".
    /// </summary>
    internal static void BackwardReference(ReadOnlySpan<float> y, ReadOnlySpan<float> g, Span<float> dx)
    {
        for (int i = 0; i < y.Length; i++) dx[i] = y[i] > 0f ? g[i] : 0f;
    }
}
