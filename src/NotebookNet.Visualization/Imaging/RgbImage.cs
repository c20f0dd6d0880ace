using StbImageWriteSharp;

namespace NotebookNet.Visualization;

/// <summary>
/// An opaque RGB raster, row-major from the top-left pixel, 3 bytes per pixel. Renderers draw into it;
/// <see cref="ToPng"/> encodes it and <see cref="ToDataUri"/> embeds it in HTML or SVG.
/// </summary>
/// <example><code>
/// var img = new RgbImage(3, 2, Rgb.White);
/// img[0, 1] = new Rgb(255, 0, 0);      // x = 0, y = 1
/// byte[] png = img.ToPng();
/// </code></example>
public sealed class RgbImage
{
    private readonly byte[] _pixels;

    /// <summary>Creates a <paramref name="width"/> × <paramref name="height"/> image filled with <paramref name="background"/>.</summary>
    public RgbImage(int width, int height, Rgb background)
    {
        if (width < 1 || height < 1)
            throw new ArgumentOutOfRangeException(nameof(width), $"An image needs at least 1×1 pixels; received {width}×{height}.");
        if ((long)width * height > 64_000_000)
            throw new ArgumentOutOfRangeException(nameof(width), $"An image of {width}×{height} pixels is too large to show in a notebook (limit 64 megapixels).");
        Width = width;
        Height = height;
        _pixels = new byte[width * height * 3];
        Fill(0, 0, width, height, background);
    }

    /// <summary>Width in pixels.</summary>
    public int Width { get; }

    /// <summary>Height in pixels.</summary>
    public int Height { get; }

    /// <summary>The pixel at column <paramref name="x"/>, row <paramref name="y"/> (row 0 is the top).</summary>
    public Rgb this[int x, int y]
    {
        get
        {
            int o = Offset(x, y);
            return new Rgb(_pixels[o], _pixels[o + 1], _pixels[o + 2]);
        }
        set
        {
            int o = Offset(x, y);
            _pixels[o] = value.R;
            _pixels[o + 1] = value.G;
            _pixels[o + 2] = value.B;
        }
    }

    /// <summary>Fills the rectangle [x, x + w) × [y, y + h), clipped to the image.</summary>
    public void Fill(int x, int y, int w, int h, Rgb color)
    {
        int x0 = Math.Max(0, x), y0 = Math.Max(0, y);
        int x1 = Math.Min(Width, x + w), y1 = Math.Min(Height, y + h);
        for (int yy = y0; yy < y1; yy++)
            for (int xx = x0; xx < x1; xx++)
                this[xx, yy] = color;
    }

    /// <summary>Encodes the image as PNG (lossless, 8-bit RGB).</summary>
    public byte[] ToPng()
    {
        using var stream = new MemoryStream();
        new ImageWriter().WritePng(_pixels, Width, Height, ColorComponents.RedGreenBlue, stream);
        return stream.ToArray();
    }

    /// <summary>The PNG as base64 without a prefix (what a notebook's <c>image/png</c> output holds).</summary>
    public string ToBase64() => Convert.ToBase64String(ToPng());

    /// <summary>The PNG as a <c>data:image/png;base64,…</c> URI for an <c>img</c> src or an SVG <c>image</c> href.</summary>
    public string ToDataUri() => "data:image/png;base64," + ToBase64();

    private int Offset(int x, int y)
    {
        if ((uint)x >= (uint)Width || (uint)y >= (uint)Height)
            throw new ArgumentOutOfRangeException(nameof(x), $"Pixel ({x}, {y}) is outside the {Width}×{Height} image.");
        return (y * Width + x) * 3;
    }
}
