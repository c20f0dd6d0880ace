namespace NotebookNet.Compute;

/// <summary>
/// Block sizes of <see cref="Gemm"/> (the Goto/BLIS scheme). C is cut into NC-wide column panels; the shared
/// dimension into KC-deep slices; each slice of B (KC×NC) is packed once and stays in L2/L3; A is packed in
/// MC×KC blocks that stay in L2; the micro-tile then streams one MR×KC sliver of A and one KC×NR sliver of B
/// (which stays in L1: 256·16·4 B = 16 KB) into an MR×NR tile of C held in registers.
/// </summary>
internal static class GemmBlocking
{
    /// <summary>Rows of the register tile: 6 rows × 2 vectors = 12 accumulators + 2 B vectors + 1 broadcast = 15 of 16 ymm registers.</summary>
    public const int MR = 6;

    /// <summary>Columns of the register tile: two Vector256 of 8 floats.</summary>
    public const int NR = 16;

    /// <summary>Depth of a packed slice: a KC×NR sliver of B is 16 KB, half of a 32 KB L1.</summary>
    public const int KC = 256;

    /// <summary>Rows of a packed block of A (a multiple of MR): 120×256×4 B = 120 KB, inside a 512 KB L2.</summary>
    public const int MC = 120;

    /// <summary>Columns of a packed panel of B (a multiple of NR): 256×3072×4 B = 3 MB, for L3.</summary>
    public const int NC = 3072;
}
