using System.Runtime.CompilerServices;

namespace NotebookNet.Compute;

/// <summary>
/// Conv2D forward over threads: the output rows (n·OutH + oy) are cut into chunks sized to stay in L2, which the
/// threads claim one by one: im2col into the thread's buffer, GEMM, bias+ReLU (see <see cref="Conv2DFast"/>), or the
/// direct kernel for a small window (<see cref="Conv2DDirect"/>).
/// </summary>
internal sealed unsafe class Conv2DForwardJob : IPartitionedJob
{
    [ThreadStatic] private static Conv2DForwardJob? t_job;

    /// <summary>Floats of one chunk's columns and outputs: 64 Ki floats = 256 KB, inside a 512 KB L2 beside the packed kernel.</summary>
    public const int ChunkFloats = 64 * 1024;

    /// <summary>Floats of one backward chunk's columns and dz (its dcols are as many again): 96 Ki floats, so that
    /// dW's GEMM sums over several small images at once (K = pixels of the chunk).</summary>
    public const int BackwardChunkFloats = 96 * 1024;

    private float* _x, _w, _bias, _y;
    private ConvGeometry _g;
    private bool _relu;
    private SimdPath _path;
    private int _next;

    public static Conv2DForwardJob ForCurrentThread => t_job ??= new Conv2DForwardJob();

    public void Set(float* x, float* w, float* bias, float* y, in ConvGeometry g, bool relu, SimdPath path)
    {
        _x = x; _w = w; _bias = bias; _y = y;
        _g = g; _relu = relu; _path = path;
        _next = 0;
    }

    /// <summary>Forgets the pointers once the call returns (they were pinned only for its duration).</summary>
    public void Clear() => _x = _w = _bias = _y = null;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Execute(int part, int parts)
    {
        var g = _g;
        int units = g.Batch * g.OutH, patch = g.PatchSize, filters = g.Filters;
        bool direct = Conv2DDirect.Applies(g, _path);
        int rowsPerChunk = Math.Max(1, ChunkFloats / ((direct ? filters : patch + filters) * g.OutW));
        int chunks = (units + rowsPerChunk - 1) / rowsPerChunk;
        var kernel = new ReadOnlySpan<float>(_w, patch * filters);
        // Chunks are claimed one at a time rather than split in advance: a thread that the OS holds back takes fewer.
        for (int chunk = Interlocked.Increment(ref _next) - 1; chunk < chunks; chunk = Interlocked.Increment(ref _next) - 1)
        {
            int r0 = chunk * rowsPerChunk, r1 = Math.Min(units, r0 + rowsPerChunk);
            if (direct)
            {
                Conv2DDirect.Forward(_x, _w, _bias, _y, g, _relu, r0, r1);
                continue;
            }
            long p0 = (long)r0 * g.OutW;
            int count = (r1 - r0) * g.OutW;
            float* cols = Conv2DBackwardJob.Columns(_x, g, r0, r1, ConvScratch.Columns);
            float* y = _y + p0 * filters;
            Gemm.Multiply(Transpose.No, Transpose.No, count, filters, patch, 1f, new ReadOnlySpan<float>(cols, count * patch), patch,
                kernel, filters, 0f, new Span<float>(y, count * filters), filters, 1, _path);
            ActivationFast.BiasActivation(y, count, filters, _bias, _relu, _path);
        }
    }
}

/// <summary>
/// Conv2D backward over threads by blocks of whole images (see <see cref="Conv2DFast.Blocks"/>), which the threads
/// claim one by one. For each chunk of images in a block: dz = g·[y &gt; 0] with the block's db, the block's
/// dW += colsᵀ·dz (im2col again, or the direct kernel for a small window), and dx = col2im(dz·Wᵀ) image by image.
/// </summary>
internal sealed unsafe class Conv2DBackwardJob : IPartitionedJob
{
    [ThreadStatic] private static Conv2DBackwardJob? t_job;

    private float* _x, _w, _y, _gy, _dx, _partials;
    private int _blocks, _next;
    private bool _bias;
    private ConvGeometry _g;
    private SimdPath _path;

    public static Conv2DBackwardJob ForCurrentThread => t_job ??= new Conv2DBackwardJob();

    /// <summary><paramref name="y"/> null = no ReLU; <paramref name="dx"/> null = no input gradient.</summary>
    public void Set(float* x, float* w, float* y, float* gy, float* dx, float* partials, int blocks, bool bias, in ConvGeometry g, SimdPath path)
    {
        _x = x; _w = w; _y = y; _gy = gy; _dx = dx; _partials = partials;
        _blocks = blocks; _bias = bias; _g = g; _path = path;
        _next = 0;
    }

    /// <summary>Forgets the pointers once the call returns.</summary>
    public void Clear() => _x = _w = _y = _gy = _dx = _partials = null;

    public void Execute(int part, int parts)
    {
        // Blocks are claimed one at a time; each block's sums do not depend on which thread runs it.
        for (int b = Interlocked.Increment(ref _next) - 1; b < _blocks; b = Interlocked.Increment(ref _next) - 1) Block(b);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Block(int block)
    {
        var g = _g;
        int patch = g.PatchSize, filters = g.Filters, pixels = g.OutH * g.OutW;
        float* dW = _partials + (long)block * patch * filters;
        float* db = _partials + (long)_blocks * patch * filters + (long)block * filters;
        if (_bias) new Span<float>(db, filters).Clear();
        int n0 = g.Batch * block / _blocks, n1 = g.Batch * (block + 1) / _blocks;
        // Columns, dz and dcols of one chunk stay in L2; the chunking depends on the shapes only.
        int imagesPerChunk = Math.Max(1, Conv2DForwardJob.BackwardChunkFloats / (pixels * (patch + filters)));
        bool direct = Conv2DDirect.Applies(g, _path);
        var kernel = new ReadOnlySpan<float>(_w, patch * filters);
        for (int c0 = n0; c0 < n1; c0 += imagesPerChunk)
        {
            int c1 = Math.Min(n1, c0 + imagesPerChunk), count = (c1 - c0) * pixels;
            long p0 = (long)c0 * pixels;
            float* dz = _gy + p0 * filters;
            if (_y != null || _bias)
            {
                float* masked = _y != null ? ConvScratch.ForCurrentThread.Get(ConvScratch.Gradient, (long)count * filters) : null;
                ActivationFast.ReluBackwardAndAddColumnSums(dz, _y == null ? null : _y + p0 * filters, masked, _bias ? db : null,
                    count, filters, _y != null, _path);
                if (masked != null) dz = masked;
            }
            var dzSpan = new ReadOnlySpan<float>(dz, count * filters);
            if (direct) Conv2DDirect.KernelGradient(_x, dz, dW, g, c0, c1 - c0, accumulate: c0 != n0);
            else
            {
                float* cols = Columns(_x, g, c0 * g.OutH, c1 * g.OutH, ConvScratch.Columns);
                Gemm.Multiply(Transpose.Yes, Transpose.No, patch, filters, count, 1f, new ReadOnlySpan<float>(cols, count * patch), patch,
                    dzSpan, filters, c0 == n0 ? 0f : 1f, new Span<float>(dW, patch * filters), filters, 1, _path);
            }
            if (_dx != null) InputGradient(dzSpan, kernel, c0, c1);
        }
    }

    // dx of images [c0, c1) from their dz: dcols = dz·Wᵀ, then col2im image by image (a pointwise conv has dx = dcols).
    private void InputGradient(ReadOnlySpan<float> dz, ReadOnlySpan<float> kernel, int c0, int c1)
    {
        var g = _g;
        int patch = g.PatchSize, pixels = g.OutH * g.OutW, count = (c1 - c0) * pixels;
        long imageLength = (long)g.InH * g.InW * g.InC;
        bool pointwise = ConvColumns.IsPointwise(g);
        float* dcols = pointwise ? _dx + c0 * imageLength : ConvScratch.ForCurrentThread.Get(ConvScratch.InputColumns, (long)count * patch);
        Gemm.Multiply(Transpose.No, Transpose.Yes, count, patch, g.Filters, 1f, dz, g.Filters, kernel, g.Filters,
            0f, new Span<float>(dcols, count * patch), patch, 1, _path);
        if (pointwise) return;
        var one = g with { Batch = 1 };
        for (int n = c0; n < c1; n++)
            ConvColumns.Col2ImImages(dcols + (long)(n - c0) * pixels * patch, _dx + n * imageLength, one, accumulate: false, 0, 1);
    }

    /// <summary>im2col of output rows [r0, r1) into the thread's <paramref name="slot"/> buffer; a pointwise conv's columns are x itself.</summary>
    public static float* Columns(float* x, in ConvGeometry g, int r0, int r1, int slot)
    {
        long p0 = (long)r0 * g.OutW;
        if (ConvColumns.IsPointwise(g)) return x + p0 * g.PatchSize;
        float* cols = ConvScratch.ForCurrentThread.Get(slot, (r1 - r0) * (long)g.OutW * g.PatchSize);
        // Im2ColRows writes rows [r0, r1) at their place in a whole-batch matrix: shift the base so that this place is
        // the start of the chunk buffer (only the chunk's range is written).
        ConvColumns.Im2ColRows(x, cols - p0 * g.PatchSize, g, r0, r1);
        return cols;
    }
}

/// <summary>One thread's chunk buffers for the conv jobs: pinned (the jobs hold raw pointers into them), grown on
/// demand, kept for the thread's lifetime so that a call in steady state allocates nothing.</summary>
internal sealed unsafe class ConvScratch
{
    public const int Columns = 0, Gradient = 1, InputColumns = 2;

    [ThreadStatic] private static ConvScratch? t_current;
    private readonly float[]?[] _arrays = new float[3][];
    private readonly nint[] _pointers = new nint[3];

    public static ConvScratch ForCurrentThread => t_current ??= new ConvScratch();

    public float* Get(int slot, long floats)
    {
        var array = _arrays[slot];
        if (array is null || array.Length < floats)
        {
            array = _arrays[slot] = GC.AllocateUninitializedArray<float>(checked((int)floats), pinned: true);
            _pointers[slot] = (nint)Unsafe.AsPointer(ref array[0]);
        }
        return (float*)_pointers[slot];
    }
}
