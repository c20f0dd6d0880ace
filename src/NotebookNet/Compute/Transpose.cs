namespace NotebookNet.Compute;

/// <summary>Whether a GEMM operand is used as stored or transposed (BLAS's 'N' / 'T').</summary>
internal enum Transpose
{
    /// <summary>op(X) = X.</summary>
    No,

    /// <summary>op(X) = Xᵀ: the operand is stored transposed.</summary>
    Yes,
}
