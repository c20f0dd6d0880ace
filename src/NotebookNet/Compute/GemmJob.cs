namespace NotebookNet.Compute;

/// <summary>
/// One GEMM call, split over threads. The output is cut along one dimension into <c>parts</c> contiguous
/// ranges of whole register tiles (rows of MR or columns of NR); each part runs the full blocked loop nest on
/// its own rectangle of C with its own packing buffers. No two parts write the same element and no element's
/// sum is split, so there is no reduction across threads and no barrier.
/// <para>Which dimension: splitting rows makes every thread pack all of B (K·N values), splitting columns makes
/// every thread pack all of A (M·K values); split the one whose duplicated packing is smaller, if it has at least
/// one tile per part.</para>
/// </summary>
internal sealed unsafe class GemmJob : IPartitionedJob
{
    [ThreadStatic] private static GemmJob? t_job;

    public Transpose TransA, TransB;
    public int M, N, K, Lda, Ldb, Ldc;
    public float Alpha, Beta;
    public float* A, B, C;
    public SimdPath Path;
    public bool SplitRows;

    /// <summary>The calling thread's reusable job (a GEMM call blocks until done, so one per thread is enough).</summary>
    public static GemmJob ForCurrentThread => t_job ??= new GemmJob();

    /// <summary>Decides the split for <paramref name="threads"/> and returns how many parts to run.</summary>
    public int Plan(int threads)
    {
        int rowTiles = (M + GemmBlocking.MR - 1) / GemmBlocking.MR;
        int colTiles = (N + GemmBlocking.NR - 1) / GemmBlocking.NR;
        // Below ~1 MFLOP waking a thread costs more than it saves.
        SplitRows = true;
        if (threads == 1 || 2L * M * N * K < 1L << 20) return 1;
        bool rowsFirst = M >= N;
        int first = rowsFirst ? rowTiles : colTiles, second = rowsFirst ? colTiles : rowTiles;
        if (first >= threads) { SplitRows = rowsFirst; return threads; }
        if (second >= threads) { SplitRows = !rowsFirst; return threads; }
        // Fewer tiles than threads both ways: one tile per part along the longer side.
        SplitRows = rowTiles >= colTiles;
        return Math.Max(rowTiles, colTiles);
    }

    public void Execute(int part, int parts)
    {
        int m0 = 0, m1 = M, n0 = 0, n1 = N;
        if (SplitRows) Range(M, GemmBlocking.MR, part, parts, out m0, out m1);
        else Range(N, GemmBlocking.NR, part, parts, out n0, out n1);
        if (m0 < m1 && n0 < n1) GemmLoops.Run(this, m0, m1, n0, n1, GemmBuffers.ForCurrentThread);
    }

    // Part p gets tiles [p·T/P, (p+1)·T/P) of a dimension of `length` cut into tiles of `tile`.
    private static void Range(int length, int tile, int part, int parts, out int start, out int end)
    {
        int tiles = (length + tile - 1) / tile;
        start = Math.Min(length, (int)((long)tiles * part / parts) * tile);
        end = Math.Min(length, (int)((long)tiles * (part + 1) / parts) * tile);
    }
}
