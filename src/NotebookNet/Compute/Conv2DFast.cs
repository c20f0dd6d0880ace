
namespace NotebookNet.Compute;

/// <summary>
/// Fast Conv2D (the definition is <c>Conv2D.ForwardReference</c>/<c>BackwardReference</c>) as im2col + GEMM.
/// With the kernel viewed as a (KH·KW·InC) × F matrix W and cols = im2col(x) (one row per output pixel):
/// <code>
/// forward   y  = relu(cols·W + b)                     (NHWC output: one row per pixel)
/// backward  dz = g·[y &gt; 0],  db = Σ_pixels dz
///           dW = colsᵀ·dz                              (a sum over every pixel of the batch)
///           dx = col2im(dz·Wᵀ)
/// </code>
/// <para>Blocking: the column matrix of a whole batch is never built (17 MB for the lecture's second conv at batch
/// 128). Both passes walk the batch in chunks of a few output rows or images whose columns, dz and outputs stay in
/// L2 (≈ 192 KB): im2col of the chunk, then single-threaded GEMMs on it, then the element-wise step while the chunk
/// is still in cache. Backward redoes the chunk's im2col (a copy from an input that is far smaller than its
/// columns) rather than keeping the columns from the forward pass.</para>
/// <para>Threads (<see cref="Conv2DForwardJob"/>, <see cref="Conv2DBackwardJob"/>): forward splits the output rows.
/// Backward's dW and db are sums over the batch, so the batch is cut into <see cref="Blocks"/> blocks of whole images,
/// a number fixed by the batch size alone; each block sums into its own partial dW/db (threads take whole blocks),
/// and the partials are added in block order at the end. dx goes image by image inside the blocks.</para>
/// <para>Determinism: every sum has an order fixed by the shapes (chunks and blocks depend on the batch size, never
/// on the thread count), so results are bit-identical for any number of threads.</para>
/// </summary>
internal static unsafe class Conv2DFast
{
    // Below this many multiply-adds the whole layer runs on one thread.
    private const long ParallelThreshold = 1 << 18;

    /// <summary>Most blocks a batch is cut into for dW: enough to keep a few threads busy, and few partial sums to keep.</summary>
    public const int MaxBlocks = 8;

    /// <summary>y = act(conv(x, W) + b); an empty <paramref name="bias"/> means no bias; <paramref name="relu"/> fuses a ReLU.</summary>
    public static void Forward(ReadOnlySpan<float> input, ReadOnlySpan<float> kernel, ReadOnlySpan<float> bias, Span<float> output,
        in ConvGeometry g, bool relu, int threads, SimdPath path)
    {
        Check(input.Length, output.Length, kernel.Length, bias.Length, g);
        fixed (float* x = input)
        fixed (float* w = kernel)
        fixed (float* b = bias)
        fixed (float* y = output)
        {
            var job = Conv2DForwardJob.ForCurrentThread;
            job.Set(x, w, bias.IsEmpty ? null : b, y, g, relu, path);
            try { WorkerPool.Run(job, Parts(g, threads, g.Batch * g.OutH)); }
            finally { job.Clear(); }
        }
    }

    /// <summary>
    /// Sets <paramref name="kernelGradient"/>, <paramref name="biasGradient"/> (empty = no bias) and, unless
    /// <paramref name="inputGradient"/> is empty, the input gradient. With <paramref name="relu"/>, g is masked by the
    /// forward <paramref name="output"/>. <paramref name="partials"/> holds <see cref="PartialsLength"/> floats of scratch.
    /// </summary>
    public static void Backward(ReadOnlySpan<float> input, ReadOnlySpan<float> kernel, ReadOnlySpan<float> output,
        ReadOnlySpan<float> outputGradient, Span<float> inputGradient, Span<float> kernelGradient, Span<float> biasGradient,
        Span<float> partials, in ConvGeometry g, bool relu, int threads, SimdPath path)
    {
        Check(input.Length, outputGradient.Length, kernel.Length, biasGradient.Length, g);
        int weights = g.PatchSize * g.Filters, blocks = Blocks(g);
        if (kernelGradient.Length != weights || (relu && output.Length < g.OutputLength) ||
            (!inputGradient.IsEmpty && inputGradient.Length < g.InputLength) || partials.Length < PartialsLength(g))
            throw new ArgumentException($"Conv2DFast.Backward: for {ConvColumnsGeometry.Describe(g)} the kernel gradient needs {weights} values, " +
                $"the output {g.OutputLength}, the input gradient {g.InputLength} (or none), the partials {PartialsLength(g)}; received " +
                $"{kernelGradient.Length}, {output.Length}, {inputGradient.Length} and {partials.Length}.");
        fixed (float* x = input)
        fixed (float* w = kernel)
        fixed (float* y = output)
        fixed (float* gy = outputGradient)
        fixed (float* dx = inputGradient)
        fixed (float* p = partials)
        {
            var job = Conv2DBackwardJob.ForCurrentThread;
            job.Set(x, w, relu ? y : null, gy, inputGradient.IsEmpty ? null : dx, p, blocks, !biasGradient.IsEmpty, g, path);
            try { WorkerPool.Run(job, Math.Min(blocks, Parts(g, threads, blocks))); }
            finally { job.Clear(); }
        }
        // The blocks' partial sums, added in block order.
        SumBlocks(partials, kernelGradient, blocks, 0);
        if (!biasGradient.IsEmpty) SumBlocks(partials, biasGradient, blocks, blocks * weights);
    }

    /// <summary>Blocks of whole images that dW and db are summed over: a function of the batch size only.</summary>
    public static int Blocks(in ConvGeometry g) => Math.Clamp(g.Batch, 1, MaxBlocks);

    /// <summary>Scratch floats <see cref="Backward"/> needs: a partial dW and db per block.</summary>
    public static int PartialsLength(in ConvGeometry g) => Blocks(g) * (g.PatchSize + 1) * g.Filters;

    private static void SumBlocks(ReadOnlySpan<float> partials, Span<float> result, int blocks, int start)
    {
        int length = result.Length;
        partials.Slice(start, length).CopyTo(result);
        for (int b = 1; b < blocks; b++)
            System.Numerics.Tensors.TensorPrimitives.Add(result, partials.Slice(start + b * length, length), result);
    }

    private static int Parts(in ConvGeometry g, int threads, int units)
    {
        ComputeSettings.CheckThreads(threads, "Conv2DFast");
        long macs = (long)ConvColumns.Rows(g) * g.PatchSize * g.Filters;
        return macs < ParallelThreshold ? 1 : Math.Max(1, Math.Min(threads, units));
    }

    private static void Check(int inputLength, int outputLength, int kernelLength, int biasLength, in ConvGeometry g)
    {
        ConvColumnsGeometry.Check(g, "Conv2DFast");
        if (inputLength < g.InputLength || outputLength < g.OutputLength || kernelLength != g.PatchSize * g.Filters ||
            (biasLength != 0 && biasLength != g.Filters))
            throw new ArgumentException($"Conv2DFast: {ConvColumnsGeometry.Describe(g)} with {g.Filters} filters needs input {g.InputLength}, " +
                $"output {g.OutputLength}, kernel {g.PatchSize * g.Filters} and bias {g.Filters} (or 0) values; received {inputLength}, " +
                $"{outputLength}, {kernelLength} and {biasLength}.");
    }
}
