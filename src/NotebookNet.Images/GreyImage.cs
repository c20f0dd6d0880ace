using StbImageSharp;

namespace NotebookNet.Images;

/// <summary>
/// A decoded picture as grey values in [0, 1] (0 = black, 1 = white), row by row. Reads PNG, JPEG, BMP, GIF, TGA
/// and PSD (StbImageSharp); colour becomes grey by the luminance weights 0.299 R + 0.587 G + 0.114 B of ITU-R BT.601,
/// and a transparent pixel is taken as lying on white paper.
/// </summary>
/// <example><code>var picture = GreyImage.Load("my-digit.png");   // picture.Height, picture.Width, picture.Values</code></example>
public sealed class GreyImage
{
    private GreyImage(string source, int height, int width, float[] values) => (Source, Height, Width, Values) = (source, height, width, values);

    /// <summary>The file it was read from.</summary>
    public string Source { get; }

    /// <summary>Height in pixels.</summary>
    public int Height { get; }

    /// <summary>Width in pixels.</summary>
    public int Width { get; }

    /// <summary>Grey values in [0, 1], row by row.</summary>
    public float[] Values { get; }

    /// <summary>Decodes <paramref name="path"/>. A missing, empty or undecodable file fails with an error naming it.</summary>
    /// <exception cref="FileNotFoundException">No such file.</exception>
    /// <exception cref="InvalidDataException">Not an image StbImageSharp can decode (the message names the file and why).</exception>
    public static GreyImage Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path)) throw new FileNotFoundException($"Image file '{path}' does not exist (full path {Path.GetFullPath(path)}).", path);
        byte[] bytes = File.ReadAllBytes(path);
        ImageResult image;
        try
        {
            image = ImageResult.FromMemory(bytes, ColorComponents.RedGreenBlueAlpha);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or IndexOutOfRangeException or NotSupportedException or OverflowException)
        {
            throw new InvalidDataException($"Image file '{path}' cannot be decoded ({e.Message}); it should be a PNG, JPEG, BMP or GIF image.", e);
        }
        if (image is null || image.Width < 1 || image.Height < 1 || image.Data.Length < 4L * image.Width * image.Height)
            throw new InvalidDataException($"Image file '{path}' cannot be decoded: it holds no complete picture.");
        var values = new float[image.Width * image.Height];
        var data = image.Data;
        for (int i = 0; i < values.Length; i++)
        {
            float grey = (0.299f * data[4 * i] + 0.587f * data[4 * i + 1] + 0.114f * data[4 * i + 2]) / 255f;
            float alpha = data[4 * i + 3] / 255f;
            values[i] = alpha * grey + (1 - alpha);   // over white
        }
        return new GreyImage(path, image.Height, image.Width, values);
    }

    /// <summary>The picture scaled to <paramref name="height"/>×<paramref name="width"/> by area averaging
    /// (each new pixel the mean of the area it covers), as bytes 0..255 with ink bright when <paramref name="invert"/>.</summary>
    public byte[] Resized(int height, int width, bool invert)
    {
        var resized = NotebookNet.Data.AreaResampling.Resample(Values, Width, 0, 0, Height, Width, height, width);
        var result = new byte[resized.Length];
        for (int i = 0; i < result.Length; i++) result[i] = (byte)Math.Round(255 * (invert ? 1 - resized[i] : resized[i]));
        return result;
    }
}
