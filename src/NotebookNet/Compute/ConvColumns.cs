using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace NotebookNet.Compute;

/// <summary>
/// Fast im2col / col2im for NHWC batches (the definition is <see cref="ReferenceConvColumns"/>). The column
/// matrix has <see cref="Rows"/> = N·OutH·OutW (one per output pixel) and <see cref="ConvGeometry.PatchSize"/> =
/// KH·KW·InC columns in (ky, kx, c) order: the order of a kernel stored [kh, kw, inC, filters], so
/// conv forward = columns · kernel viewed as (kh·kw·inC)×filters. Window (oy, ox) covers input rows
/// oy·StrideH − PadTop + ky and columns ox·StrideW − PadLeft + kx; outside the input it reads zeros.
/// <para>Blocking: in NHWC a window row (fixed ky) is kw·C consecutive input values, and its slot in a column
/// row — (ky, kx, c) order — is kw·C consecutive values too. So each (output pixel, ky) is one block copy, cut
/// only where the window hangs over the left/right border (those parts are zero-filled).</para>
/// <para>Threads: im2col splits the N·OutH output rows into contiguous ranges (pure copies, any split gives
/// the same bytes). col2im splits by image, so each input value is summed by one thread, always in the same
/// (oy, ox, ky) order as the reference: results are bit-identical to it for any thread count.</para>
/// </summary>
internal static unsafe class ConvColumns
{
    // Below this many column values, waking a worker costs more than the copy.
    private const int ParallelThreshold = 1 << 16;

    /// <summary>columns (Rows × PatchSize) = im2col(input), with process-default threads.</summary>
    public static void Im2Col(ReadOnlySpan<float> input, Span<float> columns, in ConvGeometry g) =>
        Im2Col(input, columns, g, ComputeSettings.ThreadCount);

    /// <summary>columns (Rows × PatchSize) = im2col(input) on up to <paramref name="threads"/> threads.</summary>
    public static void Im2Col(ReadOnlySpan<float> input, Span<float> columns, in ConvGeometry g, int threads)
    {
        Check(input.Length, columns.Length, g, threads, "Im2Col");
        fixed (float* x = input)
        fixed (float* cols = columns)
            Run(ConvColumnsJob.Mode.Im2Col, x, cols, g, false, threads, g.Batch * g.OutH);
    }

    /// <summary>input = col2im(columns), or input += … when <paramref name="accumulate"/>; process-default threads.</summary>
    public static void Col2Im(ReadOnlySpan<float> columns, Span<float> input, in ConvGeometry g, bool accumulate = false) =>
        Col2Im(columns, input, g, accumulate, ComputeSettings.ThreadCount);

    /// <summary>input = col2im(columns) (overlapping windows add up), or input += … when <paramref name="accumulate"/>.</summary>
    public static void Col2Im(ReadOnlySpan<float> columns, Span<float> input, in ConvGeometry g, bool accumulate, int threads)
    {
        Check(input.Length, columns.Length, g, threads, "Col2Im");
        fixed (float* x = input)
        fixed (float* cols = columns)
            Run(ConvColumnsJob.Mode.Col2Im, x, cols, g, accumulate, threads, g.Batch);
    }

    /// <summary>Rows of the column matrix: one per output pixel, Batch·OutH·OutW.</summary>
    public static int Rows(in ConvGeometry g) => g.Batch * g.OutH * g.OutW;

    /// <summary>A 1×1 window, stride 1, no padding: the column matrix is the input itself (N·H·W × C), so a layer can skip im2col.</summary>
    public static bool IsPointwise(in ConvGeometry g) => g.KH == 1 && g.KW == 1 && g.StrideH == 1 && g.StrideW == 1
        && g.PadTop == 0 && g.PadLeft == 0 && g.OutH == g.InH && g.OutW == g.InW;

    private static void Run(ConvColumnsJob.Mode mode, float* x, float* cols, in ConvGeometry g, bool accumulate, int threads, int units)
    {
        var job = ConvColumnsJob.ForCurrentThread;
        job.Set(mode, x, cols, g, accumulate, units);
        int parts = (long)Rows(g) * g.PatchSize < ParallelThreshold ? 1 : Math.Min(threads, units);
        try { WorkerPool.Run(job, parts); }
        finally { job.Clear(); }
    }

    private static void Check(int inputLength, int columnsLength, in ConvGeometry g, int threads, string routine)
    {
        ComputeSettings.CheckThreads(threads, routine);
        ConvColumnsGeometry.Check(g, routine);
        if (inputLength < g.InputLength)
            throw new ArgumentException($"{routine}: the input needs {g.InputLength} values for {ConvColumnsGeometry.Describe(g)}; received {inputLength}.", "input");
        long needed = (long)Rows(g) * g.PatchSize;
        if (columnsLength < needed)
            throw new ArgumentException($"{routine}: the columns need {Rows(g)}×{g.PatchSize} = {needed} values for {ConvColumnsGeometry.Describe(g)}; received {columnsLength}.", "columns");
    }

    /// <summary>Copies output rows [rowStart, rowEnd) (row = n·OutH + oy) into their column rows.</summary>
    // The geometry is copied to locals: read through the `in` reference, every value would be reloaded after
    // each store (the JIT cannot prove the stores do not alias it), which doubled the time.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void Im2ColRows(float* x, float* cols, in ConvGeometry g, int rowStart, int rowEnd)
    {
        int c = g.InC, kh = g.KH, kw = g.KW, run = kw * c, columns = g.PatchSize;
        int height = g.InH, width = g.InW, outH = g.OutH, outW = g.OutW;
        int sy = g.StrideH, sx = g.StrideW, padTop = g.PadTop, padLeft = g.PadLeft;
        float* dst = cols + (long)rowStart * outW * columns;
        for (int r = rowStart; r < rowEnd; r++)
        {
            int n = r / outH, oy = r % outH;
            for (int ox = 0; ox < outW; ox++, dst += columns)
            {
                int ix0 = ox * sx - padLeft;
                int kx0 = Math.Max(0, -ix0), kx1 = Math.Min(kw, width - ix0);
                for (int ky = 0; ky < kh; ky++)
                {
                    float* d = dst + ky * run;
                    int iy = oy * sy - padTop + ky;
                    if (iy < 0 || iy >= height || kx0 >= kx1)
                    {
                        Clear(d, 0, run);
                        continue;
                    }
                    float* src = x + (((long)n * height + iy) * width + ix0) * c;
                    Clear(d, 0, kx0 * c);
                    Copy(src, d, kx0 * c, kx1 * c);
                    Clear(d, kx1 * c, run);
                }
            }
        }
    }

    /// <summary>Adds the column rows of images [imageStart, imageEnd) back into those images.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void Col2ImImages(float* cols, float* x, in ConvGeometry g, bool accumulate, int imageStart, int imageEnd)
    {
        int c = g.InC, kh = g.KH, kw = g.KW, run = kw * c, columns = g.PatchSize;
        int height = g.InH, width = g.InW, outH = g.OutH, outW = g.OutW;
        int sy = g.StrideH, sx = g.StrideW, padTop = g.PadTop, padLeft = g.PadLeft;
        long imageLength = (long)height * width * c;
        if (!accumulate) new Span<float>(x + imageStart * imageLength, (int)((imageEnd - imageStart) * imageLength)).Clear();
        float* src = cols + (long)imageStart * outH * outW * columns;
        for (int n = imageStart; n < imageEnd; n++)
        for (int oy = 0; oy < outH; oy++)
        for (int ox = 0; ox < outW; ox++, src += columns)
        {
            int ix0 = ox * sx - padLeft;
            int kx0 = Math.Max(0, -ix0), kx1 = Math.Min(kw, width - ix0);
            if (kx0 >= kx1) continue;
            for (int ky = 0; ky < kh; ky++)
            {
                int iy = oy * sy - padTop + ky;
                if (iy < 0 || iy >= height) continue;
                float* dst = x + (((long)n * height + iy) * width + ix0) * c;
                Add(src + ky * run, dst, kx0 * c, kx1 * c);
            }
        }
    }

    // Runs are often tiny (kw·C = 3 for a first 3×3 layer on gray images): plain loops, vectors when long (and
    // when the CPU has them: emulated Vector256, e.g. on ARM, would be slower than the scalar loop).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Clear(float* p, int from, int to)
    {
        int i = from;
        if (Vector256.IsHardwareAccelerated)
            for (; i + 8 <= to; i += 8) Vector256.Store(Vector256<float>.Zero, p + i);
        for (; i < to; i++) p[i] = 0f;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Copy(float* src, float* dst, int from, int to)
    {
        int i = from;
        if (Vector256.IsHardwareAccelerated)
            for (; i + 8 <= to; i += 8) Vector256.Store(Vector256.Load(src + i), dst + i);
        for (; i < to; i++) dst[i] = src[i];
    }

    // dst[i] += src[i]: the same single rounding per element in the vector and the scalar loop.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Add(float* src, float* dst, int from, int to)
    {
        int i = from;
        if (Vector256.IsHardwareAccelerated)
            for (; i + 8 <= to; i += 8) Vector256.Store(Vector256.Load(dst + i) + Vector256.Load(src + i), dst + i);
        for (; i < to; i++) dst[i] += src[i];
    }
}
