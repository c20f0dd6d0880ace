namespace NotebookNet.Kernels;

/// <summary>
/// Fast Dense layer (the definition is <c>Dense.ForwardReference</c>/<c>BackwardReference</c>): three GEMMs on
/// the batch as a matrix, x <c>[N, inputs]</c>, W <c>[inputs, units]</c>, dz <c>[N, units]</c>:
/// <code>
/// forward   y  = relu(x·W + b)      Gemm.MatMul, then the bias+ReLU epilogue in place
/// backward  dz = g·[y &gt; 0], db = Σ_n dz   one pass (ActivationKernels)
///           dW = xᵀ·dz              Gemm.MatMulTransposeA (K = N: a sum over the batch)
///           dx = dz·Wᵀ              Gemm.MatMulTransposeB (skipped when nobody needs it)
/// </code>
/// Threads: each GEMM splits its output over threads by itself (see <see cref="GemmJob"/>); the epilogue is a
/// single cheap pass over <c>N × units</c>. Every step's arithmetic is fixed by the shapes, not by the thread
/// count, so results are bit-identical for any number of threads.
/// </summary>
internal static unsafe class DenseKernels
{
    /// <summary>y = act(x·W + b); an empty <paramref name="bias"/> means no bias; <paramref name="relu"/> fuses a ReLU.</summary>
    public static void Forward(ReadOnlySpan<float> input, ReadOnlySpan<float> kernel, ReadOnlySpan<float> bias, Span<float> output,
        int batch, int inputs, int units, bool relu, int threads, KernelPath path)
    {
        Gemm.Multiply(Transpose.No, Transpose.No, batch, units, inputs, 1f, input, inputs, kernel, units, 0f, output, units, threads, path);
        fixed (float* y = output)
        fixed (float* b = bias)
            ActivationKernels.BiasActivation(y, batch, units, bias.IsEmpty ? null : b, relu, path);
    }

    /// <summary>
    /// Sets <paramref name="kernelGradient"/> and <paramref name="biasGradient"/> (empty = no bias) and, unless
    /// <paramref name="inputGradient"/> is empty, the input gradient. With <paramref name="relu"/>, g is first masked
    /// by the forward output <paramref name="output"/> into <paramref name="scratch"/> (N·units floats).
    /// </summary>
    public static void Backward(ReadOnlySpan<float> input, ReadOnlySpan<float> kernel, ReadOnlySpan<float> output,
        ReadOnlySpan<float> outputGradient, Span<float> scratch, Span<float> inputGradient, Span<float> kernelGradient,
        Span<float> biasGradient, int batch, int inputs, int units, bool relu, int threads, KernelPath path)
    {
        ReadOnlySpan<float> dz = relu ? scratch[..(batch * units)] : outputGradient;
        fixed (float* g = outputGradient)
        fixed (float* y = output)
        fixed (float* d = scratch)
        fixed (float* db = biasGradient)
            ActivationKernels.ReluBackwardAndBiasGradient(g, y, d, biasGradient.IsEmpty ? null : db, batch, units, relu, threads, path);
        Gemm.Multiply(Transpose.Yes, Transpose.No, inputs, units, batch, 1f, input, inputs, dz, units, 0f, kernelGradient, units, threads, path);
        if (!inputGradient.IsEmpty)
            Gemm.Multiply(Transpose.No, Transpose.Yes, batch, inputs, units, 1f, dz, units, kernel, units, 0f, inputGradient, inputs, threads, path);
    }
}
