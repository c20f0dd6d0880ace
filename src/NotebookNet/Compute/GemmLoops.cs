using System.Runtime.CompilerServices;
namespace NotebookNet.Compute;

/// <summary>
/// The five loops around the micro-tile (Goto/BLIS) for one rectangle C[m0..m1, n0..n1]:
/// <code>
/// for jc in n0..n1 step NC          panel of B columns
///   for pc in 0..K step KC          slice of the shared dimension (always from 0, in order)
///     pack op(B)[pc.., jc..] → Bp   (stays in L2/L3)
///     for ic in m0..m1 step MC      block of A rows
///       pack op(A)[ic.., pc..] → Ap (stays in L2)
///       for jr step NR, ir step MR  micro-tile: C tile = α·Ap·Bp + β'·C tile
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
        int maxKc = Math.Min(GemmBlocking.KC, g.K);
        int maxNc = RoundUp(Math.Min(GemmBlocking.NC, n1 - n0), GemmBlocking.NR);
        int maxMc = RoundUp(Math.Min(GemmBlocking.MC, m1 - m0), GemmBlocking.MR);
        float* bp = buffers.PackedB(maxKc * maxNc);
        float* ap = buffers.PackedA(maxKc * maxMc + GemmPacking.PackedASlack);
        float* edge = buffers.Edge;

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
                    MacroTile(g, ap, bp, g.C + (long)ic * g.Ldc + jc, mc, nc, kc, beta, edge);
                }
            }
        }
    }

    // Every MR×NR tile of one packed A block × packed B panel. jr outside ir: one KC×NR sliver of B stays in L1
    // while all slivers of A stream past it from L2.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void MacroTile(GemmJob g, float* ap, float* bp, float* c, int mc, int nc, int kc, float beta, float* edge)
    {
        const int MR = GemmBlocking.MR, NR = GemmBlocking.NR;
        for (int jr = 0; jr < nc; jr += NR)
        {
            int cols = Math.Min(NR, nc - jr);
            float* bSliver = bp + (long)jr * kc;
            for (int ir = 0; ir < mc; ir += MR)
            {
                int rows = Math.Min(MR, mc - ir);
                float* cTile = c + (long)ir * g.Ldc + jr;
                float* aSliver = ap + (long)ir * kc;
                switch (g.Path)
                {
                    case SimdPath.Fma256: GemmMicroTile.Fma256(kc, aSliver, bSliver, cTile, g.Ldc, rows, cols, g.Alpha, beta, edge); break;
                    case SimdPath.Fma128: GemmMicroTile.Fma128(kc, aSliver, bSliver, cTile, g.Ldc, rows, cols, g.Alpha, beta, edge); break;
                    default: GemmMicroTile.Scalar(kc, aSliver, bSliver, cTile, g.Ldc, rows, cols, g.Alpha, beta, edge); break;
                }
            }
        }
    }

    private static int RoundUp(int value, int multiple) => (value + multiple - 1) / multiple * multiple;
}
