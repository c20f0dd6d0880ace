using NotebookNet.Visualization.Internal;
using static NotebookNet.Visualization.Internal.Format;

namespace NotebookNet.Visualization;

/// <summary>
/// Many small grayscale images of one size (values in [0, 1]) in one picture, <c>columns</c> per row, read row by
/// row; each tile framed and set apart, as in <see cref="FilterGrid"/>. For dreams of many filters, crops, digits.
/// </summary>
/// <example><code>string html = ImageMosaic.ToHtml(dreams, columns: 8, scale: 6, caption: "second-layer filters");</code></example>
public static class ImageMosaic
{
    /// <summary>The tiles as one image; each tile is <c>[H, W]</c>, <c>[H, W, 1]</c> or <c>[1, H, W, 1]</c>.</summary>
    /// <exception cref="ArgumentException">No tiles, or tiles of different sizes (the message names the first odd one).</exception>
    public static RgbImage ToImage(IReadOnlyList<Tensor> tiles, int columns, int scale = 4)
    {
        ArgumentNullException.ThrowIfNull(tiles);
        if (tiles.Count == 0) throw new ArgumentException("ImageMosaic needs at least one tile.", nameof(tiles));
        if (columns < 1) throw new ArgumentOutOfRangeException(nameof(columns), columns, $"ImageMosaic: received columns={columns}; it must be at least 1.");
        TensorImage.CheckScale(scale);
        var (h, w) = Plane.Of(tiles[0], nameof(ImageMosaic));
        for (int t = 1; t < tiles.Count; t++)
            if (Plane.Of(tiles[t], nameof(ImageMosaic)) != (h, w))
                throw new ArgumentException($"ImageMosaic: tile {t} is {tiles[t].ShapeString} but tile 0 is {tiles[0].ShapeString}; all tiles need one size.", nameof(tiles));
        int cols = Math.Min(columns, tiles.Count), rows = (tiles.Count + cols - 1) / cols;
        var mosaic = new TileMosaic(rows, cols, w * scale, h * scale);
        for (int t = 0; t < tiles.Count; t++)
        {
            float[] d = tiles[t].Data;
            mosaic.Paint(t / cols, t % cols, h, w, scale, (r, c) => ColorMap.Grayscale.At(d[r * w + c], 0, 1));
        }
        return mosaic.Image;
    }

    /// <summary>HTML figure: the mosaic, the 0..1 scale and a caption with the count and the tile size.</summary>
    public static string ToHtml(IReadOnlyList<Tensor> tiles, int columns, int scale = 4, string? caption = null)
    {
        var image = ToImage(tiles, columns, scale);
        var (h, w) = Plane.Of(tiles[0], nameof(ImageMosaic));
        return TensorImage.Figure(image, ColorMap.Grayscale, 0, 1, caption, $"{Count(tiles.Count)} tiles of {h}×{w}, row by row");
    }
}
