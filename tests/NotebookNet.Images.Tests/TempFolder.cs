using StbImageWriteSharp;

namespace NotebookNet.Images.Tests;

/// <summary>A temporary folder, deleted on dispose, and PNG files written into it by StbImageWriteSharp.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "notebooknet-images-" + Guid.NewGuid().ToString("N"));

    public string File(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    /// <summary>Writes an RGB PNG of <paramref name="height"/>×<paramref name="width"/> coloured by <paramref name="pixel"/>(y, x).</summary>
    public string Png(string relative, int height, int width, Func<int, int, (byte R, byte G, byte B)> pixel)
    {
        string path = File(relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        var rgb = new byte[height * width * 3];
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
            {
                var (r, g, b) = pixel(y, x);
                (rgb[3 * (y * width + x)], rgb[3 * (y * width + x) + 1], rgb[3 * (y * width + x) + 2]) = (r, g, b);
            }
        using var stream = System.IO.File.Create(path);
        new ImageWriter().WritePng(rgb, width, height, ColorComponents.RedGreenBlue, stream);
        return path;
    }

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { }
    }
}
