using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using NotebookNet.Layers;

namespace NotebookNet.Kernels;

/// <summary>
/// Fast MaxPooling2D (the definition is <c>MaxPooling2D.ForwardReference</c>/<c>BackwardReference</c>).
/// <para>Forward: in NHWC the C channels of a pixel are contiguous, so one window is KH·KW loads of 8 channels at a
/// time; a running maximum and its input index are kept in two vectors and replaced where a later value is strictly
/// greater, in the reference's (ky, kx) order. The same rule as the scalar <c>&gt;</c>, so the winner (first on ties,
/// never a NaN) and thus output and indices are bit-identical to the reference. Threads take ranges of output rows.</para>
/// <para>Backward: threads take whole images (every window, hence every arg-max, lies inside its image), clear the
/// image's gradient and add each output gradient at its arg-max in the reference order: bit-identical too.</para>
/// </summary>
internal static unsafe class MaxPoolKernels
{
    private const int ParallelThreshold = 1 << 15;

    /// <summary>Output and arg-max (an index into <paramref name="input"/>) of every window. <c>Filters</c> = channels.</summary>
    public static void Forward(ReadOnlySpan<float> input, Span<float> output, Span<int> argMax, in ConvGeometry g, int threads, KernelPath path)
    {
        Check(input.Length, output.Length, argMax.Length, g);
        fixed (float* x = input)
        fixed (float* y = output)
        fixed (int* arg = argMax)
        {
            var job = MaxPoolJob.ForCurrentThread;
            job.Set(x, y, arg, g, path, backward: false);
            try { WorkerPool.Run(job, Parts(g, threads, g.Batch * g.OutH)); }
            finally { job.Clear(); }
        }
    }

    /// <summary>dx = 0 except dx[argMax[o]] += g[o] for every output o (overwrites <paramref name="inputGradient"/>).</summary>
    public static void Backward(ReadOnlySpan<float> outputGradient, ReadOnlySpan<int> argMax, Span<float> inputGradient, in ConvGeometry g, int threads)
    {
        Check(inputGradient.Length, outputGradient.Length, argMax.Length, g);
        fixed (float* gy = outputGradient)
        fixed (int* arg = argMax)
        fixed (float* dx = inputGradient)
        {
            var job = MaxPoolJob.ForCurrentThread;
            job.Set(dx, gy, arg, g, KernelPath.Scalar, backward: true);
            try { WorkerPool.Run(job, Parts(g, threads, g.Batch)); }
            finally { job.Clear(); }
        }
    }

    private static int Parts(in ConvGeometry g, int threads, int units)
    {
        KernelSettings.CheckThreads(threads, "MaxPoolKernels");
        return (long)g.InputLength < ParallelThreshold ? 1 : Math.Min(threads, units);
    }

    private static void Check(int inputLength, int outputLength, int argMaxLength, in ConvGeometry g)
    {
        ConvColumnsGeometry.Check(g, "MaxPoolKernels");
        if (g.Filters != g.InC)
            throw new ArgumentException($"MaxPoolKernels: pooling keeps the channels; received Filters={g.Filters} for InC={g.InC}.");
        if (inputLength < g.InputLength || outputLength < g.OutputLength || argMaxLength < g.OutputLength)
            throw new ArgumentException($"MaxPoolKernels: {ConvColumnsGeometry.Describe(g)} needs input {g.InputLength}, output and arg-max " +
                $"{g.OutputLength} values; received {inputLength}, {outputLength} and {argMaxLength}.");
    }

    /// <summary>Windows of output rows [r0, r1) (row = n·OutH + oy).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void ForwardRows(float* x, float* y, int* arg, in ConvGeometry geometry, KernelPath path, int r0, int r1)
    {
        var g = geometry;
        int c = g.InC;
        bool simd = path != KernelPath.Scalar && Vector256.IsHardwareAccelerated;
        var lanes = Vector256.Create(0, 1, 2, 3, 4, 5, 6, 7);
        for (int r = r0; r < r1; r++)
        {
            int n = r / g.OutH, oy = r % g.OutH;
            int ky0 = Math.Max(0, g.PadTop - oy * g.StrideH), ky1 = Math.Min(g.KH, g.InH + g.PadTop - oy * g.StrideH);
            for (int ox = 0; ox < g.OutW; ox++)
            {
                int kx0 = Math.Max(0, g.PadLeft - ox * g.StrideW), kx1 = Math.Min(g.KW, g.InW + g.PadLeft - ox * g.StrideW);
                int o = g.OutputOffset(n, oy, ox);
                int first = g.InputOffset(n, g.InputRow(oy, ky0), g.InputCol(ox, kx0));
                int ch = 0;
                if (simd)
                {
                    for (; ch + 8 <= c; ch += 8)
                    {
                        var best = Vector256.Load(x + first + ch);
                        var index = Vector256.Create(first + ch) + lanes;
                        for (int ky = ky0; ky < ky1; ky++)
                        for (int kx = kx0; kx < kx1; kx++)
                        {
                            int i = g.InputOffset(n, g.InputRow(oy, ky), g.InputCol(ox, kx)) + ch;
                            var v = Vector256.Load(x + i);
                            var greater = Vector256.GreaterThan(v, best);
                            best = Vector256.ConditionalSelect(greater, v, best);
                            index = Vector256.ConditionalSelect(greater.AsInt32(), Vector256.Create(i) + lanes, index);
                        }
                        best.Store(y + o + ch);
                        index.Store(arg + o + ch);
                    }
                }
                for (; ch < c; ch++)
                {
                    int bestIndex = first + ch;
                    for (int ky = ky0; ky < ky1; ky++)
                    for (int kx = kx0; kx < kx1; kx++)
                    {
                        int i = g.InputOffset(n, g.InputRow(oy, ky), g.InputCol(ox, kx)) + ch;
                        if (x[i] > x[bestIndex]) bestIndex = i;
                    }
                    y[o + ch] = x[bestIndex];
                    arg[o + ch] = bestIndex;
                }
            }
        }
    }

    /// <summary>Input gradient of images [n0, n1).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void BackwardImages(float* dx, float* gy, int* arg, in ConvGeometry g, int n0, int n1)
    {
        long imageIn = (long)g.InH * g.InW * g.InC, imageOut = (long)g.OutH * g.OutW * g.Filters;
        new Span<float>(dx + n0 * imageIn, (int)((n1 - n0) * imageIn)).Clear();
        for (long o = n0 * imageOut, end = n1 * imageOut; o < end; o++) dx[arg[o]] += gy[o];
    }

    /// <summary>One pooling call: forward parts take output rows, backward parts take images.</summary>
    private sealed class MaxPoolJob : IPartitionedJob
    {
        [ThreadStatic] private static MaxPoolJob? t_job;
        private float* _a, _b;
        private int* _arg;
        private ConvGeometry _g;
        private KernelPath _path;
        private bool _backward;

        public static MaxPoolJob ForCurrentThread => t_job ??= new MaxPoolJob();

        // Forward: a = x, b = y. Backward: a = dx, b = gy.
        public void Set(float* a, float* b, int* arg, in ConvGeometry g, KernelPath path, bool backward)
        {
            _a = a; _b = b; _arg = arg;
            _g = g; _path = path; _backward = backward;
        }

        public void Clear()
        {
            _a = _b = null;
            _arg = null;
        }

        public void Execute(int part, int parts)
        {
            int units = _backward ? _g.Batch : _g.Batch * _g.OutH;
            int u0 = (int)((long)units * part / parts), u1 = (int)((long)units * (part + 1) / parts);
            if (u0 >= u1) return;
            if (_backward) BackwardImages(_a, _b, _arg, _g, u0, u1);
            else ForwardRows(_a, _b, _arg, _g, _path, u0, u1);
        }
    }
}
