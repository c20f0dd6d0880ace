using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace NotebookNet.Compute;

/// <summary>
/// The element-wise steps around a GEMM, on row-major matrices of <c>rows × cols</c> (rows = samples or output
/// pixels, cols = units or filters):
/// <list type="bullet">
/// <item>forward epilogue: <c>y = relu(z + b)</c> (or only the bias, or only the ReLU), in place;</item>
/// <item>backward prologue: <c>dz = g·[y &gt; 0]</c> and the bias gradient <c>db[c] = Σ_r dz[r, c]</c> in one pass.</item>
/// </list>
/// ReLU is written <c>x &gt; 0 ? x : 0</c>, as the reference layer: a compare and a mask, the same bits for a NaN or a
/// −0 in the vector and in the scalar loop (no FMA anywhere here, so the two loops round alike).
/// <para>Threads: the backward pass splits the columns (whole 8-float vectors per part), so every column is summed
/// by one thread over all rows in row order, exactly as the reference loop: the bias gradient is bit-identical to
/// the reference for any thread count.</para>
/// </summary>
internal static unsafe class ActivationFast
{
    // Below this many values a second thread costs more than it saves.
    private const int ParallelThreshold = 1 << 15;

    /// <summary>y[r, c] = act(y[r, c] + b[c]) in place; a null <paramref name="bias"/> means no bias.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void BiasActivation(float* y, int rows, int cols, float* bias, bool relu, SimdPath path)
    {
        if (bias == null && !relu) return;
        bool simd = path != SimdPath.Scalar && Vector256.IsHardwareAccelerated;
        var zero = Vector256<float>.Zero;
        for (int r = 0; r < rows; r++, y += cols)
        {
            int c = 0;
            if (simd)
            {
                for (; c + 8 <= cols; c += 8)
                {
                    var v = Vector256.Load(y + c);
                    if (bias != null) v += Vector256.Load(bias + c);
                    if (relu) v &= Vector256.GreaterThan(v, zero);
                    v.Store(y + c);
                }
            }
            for (; c < cols; c++)
            {
                float v = y[c];
                if (bias != null) v += bias[c];
                y[c] = relu ? (v > 0f ? v : 0f) : v;
            }
        }
    }

    /// <summary>
    /// dz = g·[y &gt; 0] when <paramref name="relu"/> (else dz is g and is not written), and, when
    /// <paramref name="biasGradient"/> is not null, biasGradient[c] = Σ_r dz[r, c]. Columns split over threads.
    /// </summary>
    public static void ReluBackwardAndBiasGradient(float* g, float* y, float* dz, float* biasGradient, int rows, int cols, bool relu,
        int threads, SimdPath path)
    {
        ComputeSettings.CheckThreads(threads, "ActivationFast");
        if (!relu && biasGradient == null) return;
        int vectors = (cols + 7) / 8;
        int parts = (long)rows * cols < ParallelThreshold ? 1 : Math.Min(threads, vectors);
        var job = ColumnJob.ForCurrentThread;
        job.Set(g, y, dz, biasGradient, rows, cols, relu, path);
        try { WorkerPool.Run(job, parts); }
        finally { job.Clear(); }
    }

    /// <summary>
    /// Single-threaded <see cref="ReluBackwardAndBiasGradient"/> over all columns that ADDS the column sums to
    /// <paramref name="sums"/> (for callers that walk a matrix in chunks of rows).
    /// </summary>
    public static void ReluBackwardAndAddColumnSums(float* g, float* y, float* dz, float* sums, int rows, int cols, bool relu, SimdPath path) =>
        ColumnRange(g, y, dz, sums, rows, cols, relu, path, 0, cols);

    // Columns [c0, c1): the row loop is outside so that each row's slice is read once, the column sums stay in
    // the output array (they are few) and are added in row order.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ColumnRange(float* g, float* y, float* dz, float* sums, int rows, int cols, bool relu, SimdPath path, int c0, int c1)
    {
        bool simd = path != SimdPath.Scalar && Vector256.IsHardwareAccelerated;
        var zero = Vector256<float>.Zero;
        for (long r = 0; r < rows; r++)
        {
            long row = r * cols;
            int c = c0;
            if (simd)
            {
                for (; c + 8 <= c1; c += 8)
                {
                    var v = Vector256.Load(g + row + c);
                    if (relu)
                    {
                        v &= Vector256.GreaterThan(Vector256.Load(y + row + c), zero);
                        v.Store(dz + row + c);
                    }
                    if (sums != null) (Vector256.Load(sums + c) + v).Store(sums + c);
                }
            }
            for (; c < c1; c++)
            {
                float v = g[row + c];
                if (relu) dz[row + c] = v = y[row + c] > 0f ? v : 0f;
                if (sums != null) sums[c] += v;
            }
        }
    }

    /// <summary>y = relu(x) element-wise, on up to <paramref name="threads"/> threads.</summary>
    public static void Relu(ReadOnlySpan<float> x, Span<float> y, int threads, SimdPath path)
    {
        SameLength(x.Length, y.Length, x.Length, "Relu");
        fixed (float* px = x)
        fixed (float* py = y)
            RunElementwise(ElementwiseJob.Op.Relu, px, null, py, x.Length, threads, path);
    }

    /// <summary>dx = g·[y &gt; 0] element-wise.</summary>
    public static void ReluBackward(ReadOnlySpan<float> g, ReadOnlySpan<float> y, Span<float> dx, int threads, SimdPath path)
    {
        SameLength(g.Length, y.Length, dx.Length, "ReluBackward");
        fixed (float* pg = g)
        fixed (float* py = y)
        fixed (float* pdx = dx)
            RunElementwise(ElementwiseJob.Op.ReluBackward, pg, py, pdx, g.Length, threads, path);
    }

    private static void SameLength(int a, int b, int c, string routine)
    {
        if (a != b || a != c)
            throw new ArgumentException($"ActivationFast.{routine}: the operands must have one length; received {a}, {b} and {c}.");
    }

    private static void RunElementwise(ElementwiseJob.Op op, float* a, float* b, float* result, int length, int threads, SimdPath path)
    {
        ComputeSettings.CheckThreads(threads, "ActivationFast");
        var job = ElementwiseJob.ForCurrentThread;
        job.Set(op, a, b, result, length, path);
        try { WorkerPool.Run(job, length < ParallelThreshold ? 1 : threads); }
        finally { job.Clear(); }
    }

    // Element range [i0, i1): result = relu(a), or result = a·[b > 0].
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ElementRange(ElementwiseJob.Op op, float* a, float* b, float* result, SimdPath path, int i0, int i1)
    {
        bool simd = path != SimdPath.Scalar && Vector256.IsHardwareAccelerated;
        var zero = Vector256<float>.Zero;
        int i = i0;
        if (op == ElementwiseJob.Op.Relu)
        {
            if (simd)
                for (; i + 8 <= i1; i += 8)
                {
                    var v = Vector256.Load(a + i);
                    (v & Vector256.GreaterThan(v, zero)).Store(result + i);
                }
            for (; i < i1; i++) result[i] = a[i] > 0f ? a[i] : 0f;
            return;
        }
        if (simd)
            for (; i + 8 <= i1; i += 8)
                (Vector256.Load(a + i) & Vector256.GreaterThan(Vector256.Load(b + i), zero)).Store(result + i);
        for (; i < i1; i++) result[i] = b[i] > 0f ? a[i] : 0f;
    }

    /// <summary>One <see cref="ReluBackwardAndBiasGradient"/> call: part p of P takes vectors [p·V/P, (p+1)·V/P) of the columns.</summary>
    private sealed class ColumnJob : IPartitionedJob
    {
        [ThreadStatic] private static ColumnJob? t_job;
        private float* _g, _y, _dz, _sums;
        private int _rows, _cols;
        private bool _relu;
        private SimdPath _path;

        public static ColumnJob ForCurrentThread => t_job ??= new ColumnJob();

        public void Set(float* g, float* y, float* dz, float* sums, int rows, int cols, bool relu, SimdPath path)
        {
            _g = g; _y = y; _dz = dz; _sums = sums;
            _rows = rows; _cols = cols; _relu = relu; _path = path;
        }

        public void Clear() => _g = _y = _dz = _sums = null;

        public void Execute(int part, int parts)
        {
            int vectors = (_cols + 7) / 8;
            int c0 = Math.Min(_cols, vectors * part / parts * 8), c1 = Math.Min(_cols, vectors * (part + 1) / parts * 8);
            if (c0 >= c1) return;
            if (_sums != null) new Span<float>(_sums + c0, c1 - c0).Clear();
            ColumnRange(_g, _y, _dz, _sums, _rows, _cols, _relu, _path, c0, c1);
        }
    }

    /// <summary>One element-wise call: part p of P takes a contiguous range of whole vectors.</summary>
    private sealed class ElementwiseJob : IPartitionedJob
    {
        [ThreadStatic] private static ElementwiseJob? t_job;
        private Op _op;
        private float* _a, _b, _result;
        private int _length;
        private SimdPath _path;

        public enum Op { Relu, ReluBackward }

        public static ElementwiseJob ForCurrentThread => t_job ??= new ElementwiseJob();

        public void Set(Op op, float* a, float* b, float* result, int length, SimdPath path)
        {
            _a = a; _b = b; _result = result;
            _op = op; _length = length; _path = path;
        }

        public void Clear() => _a = _b = _result = null;

        public void Execute(int part, int parts)
        {
            long vectors = (_length + 7) / 8;
            int i0 = (int)Math.Min(_length, vectors * part / parts * 8), i1 = (int)Math.Min(_length, vectors * (part + 1) / parts * 8);
            if (i0 < i1) ElementRange(_op, _a, _b, _result, _path, i0, i1);
        }
    }
}
