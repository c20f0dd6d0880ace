namespace NotebookNet.Visualization.Internal;

/// <summary>Reads a tensor as one 2-D plane of values (height × width), dropping batch and channel axes of size 1.</summary>
internal static class Plane
{
    /// <summary>
    /// Height and width of <paramref name="t"/> seen as an image: [H, W], [H, W, 1], [1, H, W], [1, H, W, 1],
    /// or a flat [N] whose length is a square (784 → 28 × 28, a flattened MNIST row).
    /// </summary>
    public static (int Height, int Width) Of(Tensor t, string caller)
    {
        ArgumentNullException.ThrowIfNull(t);
        int[] s = t.Shape;
        switch (s.Length)
        {
            case 1:
                int side = (int)Math.Round(Math.Sqrt(s[0]));
                if (side * side == s[0] && side > 0) return (side, side);
                break;
            case 2:
                return (s[0], s[1]);
            case 3 when s[2] == 1:
                return (s[0], s[1]);
            case 3 when s[0] == 1:
                return (s[1], s[2]);
            case 4 when s[0] == 1 && s[3] == 1:
                return (s[1], s[2]);
        }
        throw new ArgumentException(
            $"{caller} draws one 2-D plane: it expects a tensor of shape [H, W], [H, W, 1], [1, H, W, 1] or a flat square [H·W]; " +
            $"received {t.ShapeString}. For several channels or filters use FeatureMaps or FilterGrid.", nameof(t));
    }

    /// <summary>Smallest and largest finite value (NaN and infinities are ignored); (0, 0) if there is none.</summary>
    public static (float Min, float Max) Range(ReadOnlySpan<float> values)
    {
        float min = float.PositiveInfinity, max = float.NegativeInfinity;
        foreach (float v in values)
        {
            if (!float.IsFinite(v)) continue;
            if (v < min) min = v;
            if (v > max) max = v;
        }
        return min > max ? (0, 0) : (min, max);
    }

    /// <summary>The symmetric limit for a diverging map: the largest |value|, or 1 if all values are zero.</summary>
    public static float SymmetricLimit(ReadOnlySpan<float> values)
    {
        var (min, max) = Range(values);
        float limit = Math.Max(Math.Abs(min), Math.Abs(max));
        return limit > 0 ? limit : 1f;
    }

    /// <summary>
    /// Paints a height × width plane (each value coloured by <paramref name="color"/>(row, column)) into
    /// <paramref name="target"/> at (x0, y0), each value as a <paramref name="scale"/> × <paramref name="scale"/>
    /// block: nearest-neighbour upscaling, so a 3 × 3 filter stays nine crisp squares.
    /// </summary>
    public static void Paint(RgbImage target, int x0, int y0, int height, int width, int scale, Func<int, int, Rgb> color)
    {
        for (int r = 0; r < height; r++)
            for (int c = 0; c < width; c++)
                target.Fill(x0 + c * scale, y0 + r * scale, scale, scale, color(r, c));
    }
}
