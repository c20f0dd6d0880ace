namespace NotebookNet.Data;

/// <summary>
/// Turns a picture of one handwritten digit (a photo or a drawing, any size) into what MNIST's digits look like, as
/// the MNIST authors prepared theirs: light ink on black, cropped to the ink, scaled so that its longer side is 20
/// pixels (aspect kept), and placed in a 28×28 image with its centre of mass at the centre.
/// </summary>
/// <remarks>
/// Steps, on grey values in [0, 1]:
/// <list type="number">
/// <item>Polarity: the ink is the extreme (darkest or brightest 0.5 %) farther from the border's median, the
/// background; dark ink on paper is inverted.</item>
/// <item>Contrast: the background level b is the border's median and the ink level p the 99.5th percentile;
/// values become clamp((v − t) / (p − t), 0, 1) with t = b + (p − b) / 4, which removes paper texture, shadows and
/// noise below a quarter of the ink's contrast.</item>
/// <item>Crop to the pixels above 0.1, scale (area average) to fit 20×20, the strongest ink to 1, place by centre of mass.</item>
/// </list>
/// </remarks>
/// <example><code>Tensor digit = MnistStyle.FromGrey(grey, height, width);   // [28, 28, 1], ready for model.Predict</code></example>
public static class MnistStyle
{
    private const int Size = 28, Box = 20;

    /// <summary>
    /// The MNIST-like <c>[28, 28, 1]</c> tensor (values in [0, 1], ink bright) of a grey picture given row by row,
    /// 0 = black, 1 = white. <paramref name="source"/> names the picture in errors.
    /// </summary>
    /// <exception cref="ArgumentException">The picture is blank (no ink stands out from the background).</exception>
    public static Tensor FromGrey(ReadOnlySpan<float> grey, int height, int width, string source = "the picture")
    {
        if (height < 1 || width < 1 || grey.Length != (long)height * width)
            throw new ArgumentException($"{source}: {grey.Length} grey values do not make a {height}×{width} picture.", nameof(grey));
        var v = grey.ToArray();
        float background = Median(Border(v, height, width));
        if (background - Percentile(v, 0.005f) > Percentile(v, 0.995f) - background)   // the ink is darker than the paper
            for (int i = 0; i < v.Length; i++) v[i] = 1 - v[i];
        float b = Median(Border(v, height, width)), p = Percentile(v, 0.995f);
        if (p - b < 0.05f)
            throw new ArgumentException($"{source} looks blank: its brightest ink ({p:0.00}) hardly differs from its background ({b:0.00}). Use a darker pen or more light.");
        float t = b + (p - b) / 4;
        for (int i = 0; i < v.Length; i++) v[i] = Math.Clamp((v[i] - t) / (p - t), 0, 1);

        var (top, left, bottom, right) = InkBox(v, height, width);
        int h = bottom - top + 1, w = right - left + 1;
        double scale = (double)Box / Math.Max(h, w);
        int sh = Math.Max(1, (int)Math.Round(h * scale)), sw = Math.Max(1, (int)Math.Round(w * scale));
        var small = AreaResampling.Resample(v, width, top, left, h, w, sh, sw);
        float peak = small.Max();
        for (int i = 0; i < small.Length; i++) small[i] /= peak;   // the strongest ink 1, as in MNIST
        return Centred(small, sh, sw);
    }

    private static float[] Border(float[] v, int height, int width)
    {
        int m = Math.Max(1, Math.Min(height, width) / 20);   // a frame 5 % wide
        var list = new List<float>();
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
                if (y < m || y >= height - m || x < m || x >= width - m) list.Add(v[y * width + x]);
        return [.. list];
    }

    private static float Median(float[] values) => Percentile(values, 0.5f);

    private static float Percentile(float[] values, float q)
    {
        var sorted = (float[])values.Clone();
        Array.Sort(sorted);
        return sorted[(int)Math.Round(q * (sorted.Length - 1))];
    }

    private static (int Top, int Left, int Bottom, int Right) InkBox(float[] v, int height, int width)
    {
        int top = height, left = width, bottom = -1, right = -1;
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
                if (v[y * width + x] > 0.1f) (top, left, bottom, right) = (Math.Min(top, y), Math.Min(left, x), Math.Max(bottom, y), Math.Max(right, x));
        return (top, left, bottom, right);
    }

    // Into 28×28 with the centre of mass at (14, 14), as MNIST's digits are placed.
    private static Tensor Centred(float[] small, int sh, int sw)
    {
        double mass = 0, cy = 0, cx = 0;
        for (int y = 0; y < sh; y++)
            for (int x = 0; x < sw; x++)
            {
                double m = small[y * sw + x];
                (mass, cy, cx) = (mass + m, cy + m * (y + 0.5), cx + m * (x + 0.5));
            }
        int dy = (int)Math.Round(Size / 2.0 - cy / mass), dx = (int)Math.Round(Size / 2.0 - cx / mass);
        var result = new Tensor(Size, Size, 1);
        for (int y = 0; y < sh; y++)
            for (int x = 0; x < sw; x++)
            {
                int ty = y + dy, tx = x + dx;
                if ((uint)ty < Size && (uint)tx < Size) result.Data[ty * Size + tx] = small[y * sw + x];
            }
        return result;
    }
}
