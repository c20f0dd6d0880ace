using NotebookNet.Inspection;

namespace NotebookNet.Visualization.Tests;

public sealed class ImageMosaicTests
{
    private static (byte, byte, byte) Grey(byte v) => (v, v, v);

    private static Tensor Tile(float value, int h = 5, int w = 4) => Tensor.Full(value, h, w, 1);

    [Fact]
    public void Tiles_are_laid_out_row_by_row_framed_and_apart()
    {
        var tiles = new[] { Tile(0), Tile(1), Tile(0.5f) };

        var png = Decoded.Png(ImageMosaic.ToImage(tiles, columns: 2, scale: 2).ToPng());

        // Each tile is 8×10 pixels, plus a 1-pixel frame on each side and a 4-pixel gap: pitch 14 by 16.
        Assert.Equal((2 * 14, 2 * 16), (png.Width, png.Height));
        Assert.Equal(Grey(0), png[3, 3]);                   // tile 0 is black
        Assert.Equal(Grey(255), png[14 + 3, 3]);         // tile 1, to its right, white
        Assert.Equal(Grey(255), png[14 + 3, 16 + 3]);    // nothing after tile 2: background
    }

    [Fact]
    public void Tiles_of_different_sizes_are_rejected_naming_the_first_odd_one()
    {
        var ex = Assert.Throws<ArgumentException>(() => ImageMosaic.ToImage([Tile(0), Tile(0), Tile(0, 6, 4)], 2));
        Assert.Contains("tile 2", ex.Message);
    }

    [Fact]
    public void A_labelled_grid_has_one_escaped_caption_per_image()
    {
        string html = ImageGrid.ToHtml([Tile(0), Tile(1)], ["0 → 0 (99 %)", "<7>"], columns: 5);

        Assert.Contains("0 → 0 (99 %)</figcaption>", html);
        Assert.Contains("&lt;7&gt;</figcaption>", html);
        Assert.Contains("repeat(2,max-content)", html);           // never more columns than images
        Assert.Equal(2, Decoded.EmbeddedPngs(html).Count);
        Assert.Throws<ArgumentException>(() => ImageGrid.ToHtml([Tile(0)], ["a", "b"], columns: 1));
    }

    [Fact]
    public void The_coverage_overlay_dims_the_image_and_whitens_the_receiving_locations()
    {
        var mask = new Tensor(2, 2);
        mask[1, 0] = 1;
        var coverage = new GradientCoverage(0.25, 1, 4, mask, Filter: 0);
        var image = new Tensor([1f, 0.5f, 0f, 0f], 2, 2, 1);

        var overlay = CoverageOverlay.ToTensor(coverage, image);

        Assert.Equal([0.35f, 0.175f, 1f, 0f], overlay.Data);
        Assert.Contains("white: where filter 0 gets gradient (1 of 4 locations)", CoverageOverlay.ToHtml(coverage, image));
    }
}
