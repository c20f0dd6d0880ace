namespace NotebookNet.Compute;

/// <summary>
/// Fast Dense layer (the definition is <c>Dense.ForwardReference</c>/<c>BackwardReference</c>): three GEMMs on
/// the batch as a matrix, x <c>[N, inputs]</c>, W <c>[inputs, units]</c>, dz <c>[N, units]</c>:
/// <code>
/// forward   y  = relu(x·W + b)      Gemm.MatMul, then the bias+ReLU epilogue in place; for a narrow layer
///                                   (units &lt; 16) as yᵀ = Wᵀ·xᵀ, then transposed
/// backward  dz = g·[y &gt; 0], db = Σ_n dz   one pass (ActivationFast)
///           dW = xᵀ·dz              Gemm.MatMulTransposeA (K = N: a sum over the batch); for a narrow layer
///                                   (units &lt; 16) as dWᵀ = dzᵀ·x, then transposed
///           dx = dz·Wᵀ              Gemm.MatMulTransposeB (skipped when nobody needs it)
/// </code>
/// Threads: each GEMM splits its output over threads by itself (see <see cref="GemmJob"/>); the epilogue is a
/// single cheap pass over <c>N × units</c>. Every step's arithmetic is fixed by the shapes, not by the thread
/// count, so results are bit-identical for any number of threads.
/// </summary>
internal static unsafe class DenseFast
{
    /// <summary>
    /// y = act(x·W + b); an empty <paramref name="bias"/> means no bias; <paramref name="relu"/> fuses a ReLU.
    /// <paramref name="scratch"/> holds <see cref="ForwardScratchLength"/> floats.
    /// </summary>
    public static void Forward(ReadOnlySpan<float> input, ReadOnlySpan<float> kernel, ReadOnlySpan<float> bias, Span<float> output,
        Span<float> scratch, int batch, int inputs, int units, bool relu, int threads, SimdPath path)
    {
        if (Narrow(inputs, units))
        {
            // yᵀ = Wᵀ·xᵀ: the batch becomes the GEMM's N (x packed with 8×8 transposes), units the short M.
            var transposed = scratch[..(units * batch)];
            Gemm.Multiply(Transpose.Yes, Transpose.Yes, units, batch, inputs, 1f, kernel, units, input, inputs, 0f, transposed, batch, threads, path);
            for (int n = 0; n < batch; n++)
            for (int u = 0; u < units; u++)
            {
                float v = transposed[u * batch + n] + (bias.IsEmpty ? 0f : bias[u]);
                output[n * units + u] = relu && !(v > 0f) ? 0f : v;
            }
            return;
        }
        Gemm.Multiply(Transpose.No, Transpose.No, batch, units, inputs, 1f, input, inputs, kernel, units, 0f, output, units, threads, path);
        fixed (float* y = output)
        fixed (float* b = bias)
            ActivationFast.BiasActivation(y, batch, units, bias.IsEmpty ? null : b, relu, path);
    }

    /// <summary>Scratch floats <see cref="Forward"/> needs: yᵀ for a narrow layer, else none.</summary>
    public static int ForwardScratchLength(int batch, int inputs, int units) => Narrow(inputs, units) ? units * batch : 0;

    /// <summary>
    /// Sets <paramref name="kernelGradient"/> and <paramref name="biasGradient"/> (empty = no bias) and, unless
    /// <paramref name="inputGradient"/> is empty, the input gradient. With <paramref name="relu"/>, g is first masked
    /// by the forward output <paramref name="output"/>. <paramref name="scratch"/> holds <see cref="ScratchLength"/> floats.
    /// </summary>
    public static void Backward(ReadOnlySpan<float> input, ReadOnlySpan<float> kernel, ReadOnlySpan<float> output,
        ReadOnlySpan<float> outputGradient, Span<float> scratch, Span<float> inputGradient, Span<float> kernelGradient,
        Span<float> biasGradient, int batch, int inputs, int units, bool relu, int threads, SimdPath path)
    {
        if (scratch.Length < ScratchLength(batch, inputs, units, relu))
            throw new ArgumentException($"DenseFast.Backward: the scratch needs {ScratchLength(batch, inputs, units, relu)} floats; received {scratch.Length}.", nameof(scratch));
        ReadOnlySpan<float> dz = relu ? scratch[..(batch * units)] : outputGradient;
        fixed (float* g = outputGradient)
        fixed (float* y = output)
        fixed (float* d = scratch)
        fixed (float* db = biasGradient)
            ActivationFast.ReluBackwardAndBiasGradient(g, y, d, biasGradient.IsEmpty ? null : db, batch, units, relu, threads, path);
        if (Narrow(inputs, units))
        {
            // dWᵀ = dzᵀ·x (units × inputs), then transposed: the long side becomes the GEMM's N, packed with vector copies.
            var transposed = scratch.Slice(relu ? batch * units : 0, units * inputs);
            Gemm.Multiply(Transpose.Yes, Transpose.No, units, inputs, batch, 1f, dz, units, input, inputs, 0f, transposed, inputs, threads, path);
            for (int u = 0; u < units; u++)
            {
                var row = transposed.Slice(u * inputs, inputs);
                for (int i = 0; i < inputs; i++) kernelGradient[i * units + u] = row[i];
            }
        }
        else
            Gemm.Multiply(Transpose.Yes, Transpose.No, inputs, units, batch, 1f, input, inputs, dz, units, 0f, kernelGradient, units, threads, path);
        if (!inputGradient.IsEmpty)
            Gemm.Multiply(Transpose.No, Transpose.Yes, batch, inputs, units, 1f, dz, units, kernel, units, 0f, inputGradient, inputs, threads, path);
    }

    /// <summary>Scratch floats <see cref="Backward"/> needs: the masked gradient (with a ReLU) and, for a narrow layer, dWᵀ.</summary>
    public static int ScratchLength(int batch, int inputs, int units, bool relu) =>
        (relu ? batch * units : 0) + (Narrow(inputs, units) ? units * inputs : 0);

    // Fewer units than a register tile is wide (a 10-class output layer): dW = xᵀ·dz would have N = units, each
    // 16-wide tile mostly padding, and its A packing (xᵀ) is a scalar gather; its transpose has neither problem.
    private static bool Narrow(int inputs, int units) => units < GemmBlocking.NR && inputs >= 4 * GemmBlocking.NR;
}
