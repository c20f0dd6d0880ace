namespace NotebookNet.Visualization.Internal;

/// <summary>
/// Contour lines of a sampled function by marching squares: each grid cell whose corners lie on both sides of
/// the level gets one or two segments, with end points placed by linear interpolation along the cell's edges.
/// </summary>
internal static class MarchingSquares
{
    /// <summary>
    /// Segments where <paramref name="values"/> crosses <paramref name="level"/>, in grid coordinates:
    /// x = column (0 … columns − 1), y = row (0 … rows − 1), as fractions between grid points.
    /// </summary>
    public static List<(double X1, double Y1, double X2, double Y2)> Segments(double[,] values, double level)
    {
        int rows = values.GetLength(0), cols = values.GetLength(1);
        var segments = new List<(double, double, double, double)>();
        for (int r = 0; r < rows - 1; r++)
        {
            for (int c = 0; c < cols - 1; c++)
            {
                double tl = values[r, c], tr = values[r, c + 1], br = values[r + 1, c + 1], bl = values[r + 1, c];
                if (!double.IsFinite(tl) || !double.IsFinite(tr) || !double.IsFinite(br) || !double.IsFinite(bl)) continue;
                int index = (tl >= level ? 8 : 0) | (tr >= level ? 4 : 0) | (br >= level ? 2 : 0) | (bl >= level ? 1 : 0);
                if (index is 0 or 15) continue;
                // Crossing points on the four edges.
                (double, double) Top() => (c + Frac(tl, tr, level), r);
                (double, double) Right() => (c + 1, r + Frac(tr, br, level));
                (double, double) Bottom() => (c + Frac(bl, br, level), r + 1);
                (double, double) Left() => (c, r + Frac(tl, bl, level));
                void Add((double X, double Y) a, (double X, double Y) b) => segments.Add((a.X, a.Y, b.X, b.Y));
                bool centreAbove = (tl + tr + br + bl) / 4 >= level;
                switch (index)
                {
                    case 1: case 14: Add(Left(), Bottom()); break;
                    case 2: case 13: Add(Bottom(), Right()); break;
                    case 3: case 12: Add(Left(), Right()); break;
                    case 4: case 11: Add(Top(), Right()); break;
                    case 6: case 9: Add(Top(), Bottom()); break;
                    case 7: case 8: Add(Left(), Top()); break;
                    case 5:   // tr and bl above: a saddle, resolved by the cell's mean
                        if (centreAbove) { Add(Left(), Top()); Add(Bottom(), Right()); }
                        else { Add(Top(), Right()); Add(Left(), Bottom()); }
                        break;
                    case 10:  // tl and br above
                        if (centreAbove) { Add(Top(), Right()); Add(Left(), Bottom()); }
                        else { Add(Left(), Top()); Add(Bottom(), Right()); }
                        break;
                }
            }
        }
        return segments;
    }

    /// <summary>Where between a and b the level lies, as a fraction 0..1.</summary>
    private static double Frac(double a, double b, double level) => a == b ? 0.5 : Math.Clamp((level - a) / (b - a), 0, 1);
}
