using System.Runtime.CompilerServices;
namespace NotebookNet.Compute;

/// <summary>
/// The textbook triple loop, kept readable as the definition <see cref="Gemm"/> is tested against:
/// C[i,j] = α·Σₚ op(A)[i,p]·op(B)[p,j] + β·C[i,j]. Same operand conventions as <see cref="Gemm.Multiply(Transpose, Transpose, int, int, int, float, ReadOnlySpan{float}, int, ReadOnlySpan{float}, int, float, Span{float}, int)"/>.
/// </summary>
internal static class ReferenceGemm
{
    /// <summary>C = α·op(A)·op(B) + β·C, one element at a time. Compiled fully optimised (like the fast kernels)
    /// so that the benchmark's speed-up compares the algorithms, not JIT tiers.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Multiply(Transpose transA, Transpose transB, int m, int n, int k, float alpha,
        ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, float beta, Span<float> c, int ldc)
    {
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                float sum = 0f;
                for (int p = 0; p < k; p++)
                {
                    float aip = transA == Transpose.No ? a[i * lda + p] : a[p * lda + i];
                    float bpj = transB == Transpose.No ? b[p * ldb + j] : b[j * ldb + p];
                    sum += aip * bpj;
                }
                c[i * ldc + j] = beta == 0f ? alpha * sum : alpha * sum + beta * c[i * ldc + j];
            }
        }
    }
}
