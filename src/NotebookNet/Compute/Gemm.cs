namespace NotebookNet.Compute;

/// <summary>
/// Single-precision GEMM on row-major matrices: C = α·op(A)·op(B) + β·C, with op(A) M×K, op(B) K×N, C M×N.
/// <para>Blocking (see <see cref="GemmBlocking"/>, <see cref="GemmLoops"/>): packed panels of A and B and a 6×16
/// register tile (<see cref="GemmMicroTile"/>: AVX2/FMA, a 128-bit FMA variant for ARM64, a scalar fallback);
/// threads own disjoint rectangles of C (<see cref="GemmJob"/>). Each element of C is one fixed sequence of
/// operations, so results are bit-identical for any thread count (and between the two FMA paths); the scalar
/// fallback rounds differently (no FMA) but is deterministic too. A call in steady state allocates nothing.</para>
/// <para>What a convolution or dense layer needs, with patches = im2col(x) (rows = pixels), W = [kh·kw·inC, filters]:
/// forward <c>out = patches·W</c> (<see cref="MatMul"/>), weight gradient <c>dW = patchesᵀ·dOut</c>
/// (<see cref="MatMulTransposeA"/>), input gradient <c>dPatches = dOut·Wᵀ</c> (<see cref="MatMulTransposeB"/>).</para>
/// C must not overlap A or B. β = 0 overwrites C without reading it.
/// </summary>
internal static unsafe class Gemm
{
    /// <summary>C (m×n) = A (m×k) · B (k×n), or C += … when <paramref name="accumulate"/>. Dense row-major operands.</summary>
    public static void MatMul(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int m, int k, int n, bool accumulate = false) =>
        Multiply(Transpose.No, Transpose.No, m, n, k, 1f, a, k, b, n, accumulate ? 1f : 0f, c, n);

    /// <summary>C (m×n) = Aᵀ · B with A stored k×m and B k×n; C += … when <paramref name="accumulate"/>.</summary>
    public static void MatMulTransposeA(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int m, int k, int n, bool accumulate = false) =>
        Multiply(Transpose.Yes, Transpose.No, m, n, k, 1f, a, m, b, n, accumulate ? 1f : 0f, c, n);

    /// <summary>C (m×n) = A · Bᵀ with A stored m×k and B n×k; C += … when <paramref name="accumulate"/>.</summary>
    public static void MatMulTransposeB(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int m, int k, int n, bool accumulate = false) =>
        Multiply(Transpose.No, Transpose.Yes, m, n, k, 1f, a, k, b, k, accumulate ? 1f : 0f, c, n);

    /// <summary>The general form with the process defaults (<see cref="ComputeSettings"/>).</summary>
    public static void Multiply(Transpose transA, Transpose transB, int m, int n, int k, float alpha,
        ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, float beta, Span<float> c, int ldc) =>
        Multiply(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc, ComputeSettings.ThreadCount, ComputeSettings.Path);

    /// <summary>
    /// C = α·op(A)·op(B) + β·C. op(A) is M×K: A is stored M×K (<see cref="Transpose.No"/>) or K×M, row-major with
    /// leading dimension <paramref name="lda"/> (distance between rows); likewise B (K×N or N×K) and C (M×N).
    /// </summary>
    public static void Multiply(Transpose transA, Transpose transB, int m, int n, int k, float alpha,
        ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, float beta, Span<float> c, int ldc,
        int threads, SimdPath path)
    {
        if (m < 0 || n < 0 || k < 0)
            throw new ArgumentOutOfRangeException(nameof(m), $"Gemm: sizes must be non-negative; received m={m}, n={n}, k={k}.");
        ComputeSettings.CheckThreads(threads, "Gemm");
        ComputeSettings.CheckPath(path, "Gemm");
        CheckOperand("A", a.Length, transA == Transpose.No ? m : k, transA == Transpose.No ? k : m, lda);
        CheckOperand("B", b.Length, transB == Transpose.No ? k : n, transB == Transpose.No ? n : k, ldb);
        CheckOperand("C", c.Length, m, n, ldc);
        if (m == 0 || n == 0) return;
        if (k == 0 || alpha == 0f)
        {
            ScaleC(c, m, n, ldc, beta);
            return;
        }
        fixed (float* pa = a)
        fixed (float* pb = b)
        fixed (float* pc = c)
        {
            var job = GemmJob.ForCurrentThread;
            job.TransA = transA; job.TransB = transB;
            job.M = m; job.N = n; job.K = k;
            job.A = pa; job.Lda = lda; job.B = pb; job.Ldb = ldb; job.C = pc; job.Ldc = ldc;
            job.Alpha = alpha; job.Beta = beta; job.Path = path;
            try { WorkerPool.Run(job, job.Plan(threads)); }
            finally { job.A = job.B = job.C = null; }
        }
    }

    // A stored rows×cols with leading dimension ld needs (rows−1)·ld + cols values.
    private static void CheckOperand(string name, int length, int rows, int cols, int ld)
    {
        if (ld < Math.Max(1, cols))
            throw new ArgumentOutOfRangeException("ld" + name.ToLowerInvariant(), ld,
                $"Gemm: leading dimension of {name} must be at least max(1, {cols}) (its stored row length); received {ld}.");
        long needed = rows == 0 || cols == 0 ? 0 : (long)(rows - 1) * ld + cols;
        if (length < needed)
            throw new ArgumentException($"Gemm: {name} is stored {rows}×{cols} with leading dimension {ld}, which needs {needed} values; received {length}.", name.ToLowerInvariant());
    }

    // K = 0 or α = 0: op(A)·op(B) contributes nothing; C = β·C (β = 0 clears without reading).
    private static void ScaleC(Span<float> c, int m, int n, int ldc, float beta)
    {
        for (int i = 0; i < m; i++)
        {
            var row = c.Slice(i * ldc, n);
            if (beta == 0f) row.Clear();
            else if (beta != 1f)
                for (int j = 0; j < n; j++) row[j] *= beta;
        }
    }
}
