using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace NotebookNet.Compute;

/// <summary>
/// Fast MaxPooling2D (the definition is <c>MaxPooling2D.ForwardReference</c>/<c>BackwardReference</c>).
/// <para>Forward: in NHWC the C channels of a pixel are contiguous, so one window is KH·KW loads of 8 channels at a
/// time; a running maximum and its input index are kept in two vectors and replaced where a later value is strictly
/// greater, in the reference's (ky, kx) order. The same rule as the scalar <c>&gt;</c>, so the winner (first on ties,
/// never a NaN) and thus output and indices are bit-identical to the reference. Threads claim chunks of output rows.</para>
/// <para>Backward: threads claim whole images (every window, hence every arg-max, lies inside its image), clear the
/// image's gradient and add each output gradient at its arg-max in the reference order: bit-identical too. Windows
/// that tile the image (2×2 pooling) skip the clearing: each input value is written once, g or 0.</para>
/// </summary>
internal static unsafe class MaxPoolFast
{
    private const int ParallelThreshold = 1 << 15;

    /// <summary>Output and arg-max (an index into <paramref name="input"/>) of every window. <c>Filters</c> = channels.</summary>
    public static void Forward(ReadOnlySpan<float> input, Span<float> output, Span<int> argMax, in ConvGeometry g, int threads, SimdPath path)
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
    public static void Backward(ReadOnlySpan<float> outputGradient, ReadOnlySpan<int> argMax, Span<float> inputGradient, in ConvGeometry g, int threads,
        SimdPath path)
    {
        Check(inputGradient.Length, outputGradient.Length, argMax.Length, g);
        fixed (float* gy = outputGradient)
        fixed (int* arg = argMax)
        fixed (float* dx = inputGradient)
        {
            var job = MaxPoolJob.ForCurrentThread;
            job.Set(dx, gy, arg, g, path, backward: true);
            try { WorkerPool.Run(job, Parts(g, threads, g.Batch)); }
            finally { job.Clear(); }
        }
    }

    private static int Parts(in ConvGeometry g, int threads, int units)
    {
        ComputeSettings.CheckThreads(threads, "MaxPoolFast");
        return (long)g.InputLength < ParallelThreshold ? 1 : Math.Min(threads, units);
    }

    private static void Check(int inputLength, int outputLength, int argMaxLength, in ConvGeometry g)
    {
        ConvColumnsGeometry.Check(g, "MaxPoolFast");
        if (g.Filters != g.InC)
            throw new ArgumentException($"MaxPoolFast: pooling keeps the channels; received Filters={g.Filters} for InC={g.InC}.");
        if (inputLength < g.InputLength || outputLength < g.OutputLength || argMaxLength < g.OutputLength)
            throw new ArgumentException($"MaxPoolFast: {ConvColumnsGeometry.Describe(g)} needs input {g.InputLength}, output and arg-max " +
                $"{g.OutputLength} values; received {inputLength}, {outputLength} and {argMaxLength}.");
    }

    /// <summary>Windows of output rows [r0, r1) (row = n·OutH + oy).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void ForwardRows(float* x, float* y, int* arg, in ConvGeometry geometry, SimdPath path, int r0, int r1)
    {
        var g = geometry;
        int c = g.InC, taps = g.KH * g.KW;
        bool simd = path != SimdPath.Scalar && Vector256.IsHardwareAccelerated;
        var lanes = Vector256.Create(0, 1, 2, 3, 4, 5, 6, 7);
        int* tap = stackalloc int[taps];   // offset of window position (ky, kx) from the window's top-left input value
        for (int ky = 0, t = 0; ky < g.KH; ky++)
            for (int kx = 0; kx < g.KW; kx++) tap[t++] = (ky * g.InW + kx) * c;
        for (int r = r0; r < r1; r++)
        {
            int n = r / g.OutH, oy = r % g.OutH;
            int ky0 = Math.Max(0, g.PadTop - oy * g.StrideH), ky1 = Math.Min(g.KH, g.InH + g.PadTop - oy * g.StrideH);
            for (int ox = 0; ox < g.OutW; ox++)
            {
                int kx0 = Math.Max(0, g.PadLeft - ox * g.StrideW), kx1 = Math.Min(g.KW, g.InW + g.PadLeft - ox * g.StrideW);
                int o = g.OutputOffset(n, oy, ox);
                int first = g.InputOffset(n, g.InputRow(oy, ky0), g.InputCol(ox, kx0));
                bool whole = ky0 == 0 && ky1 == g.KH && kx0 == 0 && kx1 == g.KW;
                int ch = 0;
                if (simd && whole)
                {
                    // The whole window is inside: taps 1.. in (ky, kx) order against tap 0, as the reference visits them.
                    for (; ch + 8 <= c; ch += 8)
                    {
                        int at = first + ch;
                        var best = Vector256.Load(x + at);
                        var index = Vector256.Create(at) + lanes;
                        for (int t = 1; t < taps; t++)
                        {
                            int i = at + tap[t];
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
    internal static void BackwardImages(float* dx, float* gy, int* arg, in ConvGeometry g, SimdPath path, int n0, int n1)
    {
        long imageIn = (long)g.InH * g.InW * g.InC, imageOut = (long)g.OutH * g.OutW * g.Filters;
        if (Tiled(g) && path != SimdPath.Scalar && Vector256.IsHardwareAccelerated)
        {
            for (int n = n0; n < n1; n++) BackwardTiled(dx, gy, arg, g, n);
            return;
        }
        new Span<float>(dx + n0 * imageIn, (int)((n1 - n0) * imageIn)).Clear();
        for (long o = n0 * imageOut, end = n1 * imageOut; o < end; o++) dx[arg[o]] += gy[o];
    }

    // Windows that tile the input without overlap or padding (stride = pool, every window inside: 2×2 pooling, Valid).
    private static bool Tiled(in ConvGeometry g) => g.StrideH == g.KH && g.StrideW == g.KW && g.PadTop == 0 && g.PadLeft == 0
        && g.OutH * g.KH <= g.InH && g.OutW * g.KW <= g.InW;

    // Every input value is written once: the gradient where it won its window, else 0, without clearing first.
    // (g & mask) + 0 is exactly the reference's 0 + g (also for g = −0) and 0 elsewhere.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void BackwardTiled(float* dx, float* gy, int* arg, in ConvGeometry g, int n)
    {
        int c = g.InC, coveredH = g.OutH * g.KH, coveredW = g.OutW * g.KW;
        var lanes = Vector256.Create(0, 1, 2, 3, 4, 5, 6, 7);
        var zero = Vector256<float>.Zero;
        for (int oy = 0; oy < g.OutH; oy++)
        for (int ox = 0; ox < g.OutW; ox++)
        {
            int o = g.OutputOffset(n, oy, ox);
            for (int ky = 0; ky < g.KH; ky++)
            for (int kx = 0; kx < g.KW; kx++)
            {
                int at = g.InputOffset(n, oy * g.KH + ky, ox * g.KW + kx), ch = 0;
                for (; ch + 8 <= c; ch += 8)
                {
                    var won = Vector256.Equals(Vector256.Load(arg + o + ch), Vector256.Create(at + ch) + lanes).AsSingle();
                    ((Vector256.Load(gy + o + ch) & won) + zero).Store(dx + at + ch);
                }
                for (; ch < c; ch++) dx[at + ch] = arg[o + ch] == at + ch ? 0f + gy[o + ch] : 0f;
            }
        }
        // Rows and columns past the last whole window (an odd size) belong to no window.
        for (int iy = 0; iy < g.InH; iy++)
        {
            int from = iy < coveredH ? coveredW : 0;
            new Span<float>(dx + g.InputOffset(n, iy, from), (g.InW - from) * c).Clear();
        }
    }

    /// <summary>One pooling call: forward chunks are output rows, backward chunks are images.</summary>
    private sealed class MaxPoolJob : IPartitionedJob
    {
        [ThreadStatic] private static MaxPoolJob? t_job;
        private float* _a, _b;
        private int* _arg;
        private ConvGeometry _g;
        private SimdPath _path;
        private bool _backward;
        private int _next;

        public static MaxPoolJob ForCurrentThread => t_job ??= new MaxPoolJob();

        // Forward: a = x, b = y. Backward: a = dx, b = gy.
        public void Set(float* a, float* b, int* arg, in ConvGeometry g, SimdPath path, bool backward)
        {
            _a = a; _b = b; _arg = arg;
            _g = g; _path = path; _backward = backward;
            _next = 0;
        }

        public void Clear()
        {
            _a = _b = null;
            _arg = null;
        }

        // Chunks (an image backward, about 8 Ki outputs forward) are claimed one at a time, so a thread the OS holds
        // back takes fewer; what a chunk computes does not depend on the thread.
        public void Execute(int part, int parts)
        {
            int units = _backward ? _g.Batch : _g.Batch * _g.OutH;
            int size = _backward ? 1 : Math.Max(1, 8192 / (_g.OutW * _g.Filters));
            for (int chunk = Interlocked.Increment(ref _next) - 1; (long)chunk * size < units; chunk = Interlocked.Increment(ref _next) - 1)
            {
                int u0 = chunk * size, u1 = Math.Min(units, u0 + size);
                if (_backward) BackwardImages(_a, _b, _arg, _g, _path, u0, u1);
                else ForwardRows(_a, _b, _arg, _g, _path, u0, u1);
            }
        }
    }
}
