using System.Runtime.CompilerServices;
namespace NotebookNet.Kernels;

/// <summary>
/// The five loops around the micro-kernel (Goto/BLIS) for one rectangle C[m0..m1, n0..n1]:
/// <code>
/// for jc in n0..n1 step NC          panel of B columns
///   for pc in 0..K step KC          slice of the shared dimension (always from 0, in order)
///     pack op(B)[pc.., jc..] → Bp   (stays in L2/L3)
///     for ic in m0..m1 step MC      block of A rows
///       pack op(A)[ic.., pc..] → Ap (stays in L2)
///       for jr step NR, ir step MR  micro-kernel: C tile = α·Ap·Bp + β'·C tile
/// </code>
/// β' is β for the first slice (pc = 0) and 1 afterwards, so slices add up in a fixed order.
/// <para>The hot methods of the kernels are marked AggressiveOptimization: compiled fully optimised on first
/// call rather than starting as tier-0 code (many times slower) for the first calls of a training run.</para>
/// </summary>
internal static unsafe class GemmLoops
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run(GemmJob g, int m0, int m1, int n0, int n1, GemmBuffers buffers)
    {
        const int MR = GemmBlocking.MR, NR = GemmBlocking.NR;
        int maxKc = Math.Min(GemmBlocking.KC, g.K);
        int maxNc = RoundUp(Math.Min(GemmBlocking.NC, n1 - n0), NR);
        int maxMc = RoundUp(Math.Min(GemmBlocking.MC, m1 - m0), MR);
        float* bp = buffers.PackedB(maxKc * maxNc);
        float* ap = buffers.PackedA(maxKc * maxMc + GemmPacking.PackedASlack);
        float* edge = buffers.Edge;
        bool simd = g.Path == KernelPath.Fma256;

        for (int jc = n0; jc < n1; jc += GemmBlocking.NC)
        {
            int nc = Math.Min(GemmBlocking.NC, n1 - jc);
            for (int pc = 0; pc < g.K; pc += GemmBlocking.KC)
            {
                int kc = Math.Min(GemmBlocking.KC, g.K - pc);
                float beta = pc == 0 ? g.Beta : 1f;
                GemmPacking.PackB(g.TransB, g.B, g.Ldb, pc, jc, kc, nc, bp);
                for (int ic = m0; ic < m1; ic += GemmBlocking.MC)
                {
                    int mc = Math.Min(GemmBlocking.MC, m1 - ic);
                    GemmPacking.PackA(g.TransA, g.A, g.Lda, ic, pc, mc, kc, ap);
                    for (int jr = 0; jr < nc; jr += NR)
                    {
                        int cols = Math.Min(NR, nc - jr);
                        float* bSliver = bp + (long)jr * kc;
                        for (int ir = 0; ir < mc; ir += MR)
                        {
                            int rows = Math.Min(MR, mc - ir);
                            float* cTile = g.C + (long)(ic + ir) * g.Ldc + jc + jr;
                            float* aSliver = ap + (long)ir * kc;
                            if (simd) GemmMicroKernel.Fma256(kc, aSliver, bSliver, cTile, g.Ldc, rows, cols, g.Alpha, beta, edge);
                            else GemmMicroKernel.Scalar(kc, aSliver, bSliver, cTile, g.Ldc, rows, cols, g.Alpha, beta, edge);
                        }
                    }
                }
            }
        }
    }

    private static int RoundUp(int value, int multiple) => (value + multiple - 1) / multiple * multiple;
}
