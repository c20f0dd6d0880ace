namespace NotebookNet.Visualization.Internal;

/// <summary>
/// A grid of equally sized tiles (filters, feature maps) drawn into one PNG: each tile framed by a 1-pixel grey
/// border and separated by a white gap, so that white (zero) cells at a tile's edge stay visible.
/// </summary>
internal sealed class TileMosaic
{
    public const int Gap = 4;
    private static readonly Rgb Frame = Rgb.FromHex("#b0b0b0");

    public TileMosaic(int rows, int columns, int tileWidth, int tileHeight)
    {
        Rows = rows;
        Columns = columns;
        TileWidth = tileWidth;
        TileHeight = tileHeight;
        Image = new RgbImage(columns * Pitch(tileWidth), rows * Pitch(tileHeight), Rgb.White);
    }

    public int Rows { get; }
    public int Columns { get; }
    public int TileWidth { get; }
    public int TileHeight { get; }
    public RgbImage Image { get; }

    /// <summary>Distance from one tile's left edge to the next (tile + frame + gap).</summary>
    public static int Pitch(int tileSize) => tileSize + 2 + Gap;

    /// <summary>Top-left pixel of the tile's content (inside its frame) in the mosaic.</summary>
    public (int X, int Y) Origin(int row, int column) => (column * Pitch(TileWidth) + Gap / 2 + 1, row * Pitch(TileHeight) + Gap / 2 + 1);

    /// <summary>Centre of the tile in mosaic pixels.</summary>
    public (double X, double Y) Centre(int row, int column)
    {
        var (x, y) = Origin(row, column);
        return (x + TileWidth / 2.0, y + TileHeight / 2.0);
    }

    /// <summary>Paints a plane of height × width values, upscaled by <paramref name="scale"/>, into a framed tile.</summary>
    public void Paint(int row, int column, int height, int width, int scale, Func<int, int, Rgb> color)
    {
        var (x, y) = Origin(row, column);
        Image.Fill(x - 1, y - 1, TileWidth + 2, TileHeight + 2, Frame);
        Plane.Paint(Image, x, y, height, width, scale, color);
    }

    /// <summary>An upscale factor that makes a plane of <paramref name="size"/> values about <paramref name="targetPixels"/> wide.</summary>
    public static int AutoScale(int size, int targetPixels) => Math.Clamp((int)Math.Round((double)targetPixels / size), 1, 64);
}
