using System.Runtime.CompilerServices;

namespace NotebookNet.Compute;

/// <summary>
/// im2col and col2im as plain loops over every index, kept readable as the definition
/// <see cref="ConvColumns"/> is tested against:
/// columns[(n, oy, ox), (ky, kx, c)] = x[n, oy·StrideH − PadTop + ky, ox·StrideW − PadLeft + kx, c], or 0 outside the input.
/// col2im is its adjoint: every column value is added back to the input pixel it was copied from.
/// </summary>
internal static class ReferenceConvColumns
{
    /// <summary>Fills <paramref name="columns"/> (N·OutH·OutW × PatchSize) from the NHWC <paramref name="input"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Im2Col(ReadOnlySpan<float> input, Span<float> columns, ConvGeometry g)
    {
        for (int n = 0; n < g.Batch; n++)
        for (int oy = 0; oy < g.OutH; oy++)
        for (int ox = 0; ox < g.OutW; ox++)
        for (int ky = 0; ky < g.KH; ky++)
        for (int kx = 0; kx < g.KW; kx++)
        for (int c = 0; c < g.InC; c++)
        {
            int iy = g.InputRow(oy, ky), ix = g.InputCol(ox, kx);
            bool inside = iy >= 0 && iy < g.InH && ix >= 0 && ix < g.InW;
            columns[ColumnIndex(g, n, oy, ox, ky, kx, c)] = inside ? input[InputIndex(g, n, iy, ix, c)] : 0f;
        }
    }

    /// <summary>Adds every column value into the input pixel it came from; clears <paramref name="input"/> first unless <paramref name="accumulate"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Col2Im(ReadOnlySpan<float> columns, Span<float> input, ConvGeometry g, bool accumulate = false)
    {
        if (!accumulate) input[..g.InputLength].Clear();
        for (int n = 0; n < g.Batch; n++)
        for (int oy = 0; oy < g.OutH; oy++)
        for (int ox = 0; ox < g.OutW; ox++)
        for (int ky = 0; ky < g.KH; ky++)
        for (int kx = 0; kx < g.KW; kx++)
        for (int c = 0; c < g.InC; c++)
        {
            int iy = g.InputRow(oy, ky), ix = g.InputCol(ox, kx);
            if (iy >= 0 && iy < g.InH && ix >= 0 && ix < g.InW)
                input[InputIndex(g, n, iy, ix, c)] += columns[ColumnIndex(g, n, oy, ox, ky, kx, c)];
        }
    }

    private static int InputIndex(ConvGeometry g, int n, int iy, int ix, int c) => g.InputOffset(n, iy, ix) + c;

    private static int ColumnIndex(ConvGeometry g, int n, int oy, int ox, int ky, int kx, int c) =>
        ((n * g.OutH + oy) * g.OutW + ox) * g.PatchSize + (ky * g.KW + kx) * g.InC + c;
}
