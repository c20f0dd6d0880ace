namespace NotebookNet.Data;

/// <summary>
/// Resizing by area average: each target pixel is the mean of the source area it covers, partly covered source pixels
/// weighted by the part covered. Shrinks without aliasing; enlarging gives blocks. Used by <see cref="MnistStyle"/>
/// and by NotebookNet.Images to resize decoded pictures.
/// </summary>
internal static class AreaResampling
{
    /// <summary>The <paramref name="h"/>×<paramref name="w"/> region at (<paramref name="top"/>, <paramref name="left"/>)
    /// of a picture <paramref name="stride"/> values wide, resized to <paramref name="th"/>×<paramref name="tw"/>.</summary>
    public static float[] Resample(ReadOnlySpan<float> v, int stride, int top, int left, int h, int w, int th, int tw)
    {
        var result = new float[th * tw];
        double fy = (double)h / th, fx = (double)w / tw;
        for (int ty = 0; ty < th; ty++)
            for (int tx = 0; tx < tw; tx++)
            {
                double y0 = ty * fy, y1 = y0 + fy, x0 = tx * fx, x1 = x0 + fx, sum = 0, area = 0;
                for (int y = (int)y0; y < Math.Min(h, (int)Math.Ceiling(y1)); y++)
                {
                    double wy = Math.Min(y1, y + 1) - Math.Max(y0, y);
                    for (int x = (int)x0; x < Math.Min(w, (int)Math.Ceiling(x1)); x++)
                    {
                        double wxy = wy * (Math.Min(x1, x + 1) - Math.Max(x0, x));
                        sum += wxy * v[(top + y) * stride + left + x];
                        area += wxy;
                    }
                }
                result[ty * tw + tx] = (float)(sum / area);
            }
        return result;
    }
}
