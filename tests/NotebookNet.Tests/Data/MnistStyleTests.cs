using NotebookNet.Data;

namespace NotebookNet.Tests.Data;

public sealed class MnistStyleTests
{
    // A dark, 60×20 bar (tall and thin, like a "1") on light paper of 200×150, off centre.
    private static float[] Bar(out int height, out int width, bool darkInk = true)
    {
        (height, width) = (200, 150);
        var grey = new float[height * width];
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
            {
                bool ink = y >= 30 && y < 90 && x >= 100 && x < 120;
                float paper = 0.85f + 0.05f * ((x * 7 + y * 13) % 5) / 4;   // textured paper
                grey[y * width + x] = darkInk ? (ink ? 0.1f : paper) : (ink ? 0.9f : 1 - paper);
            }
        return grey;
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_digit_is_bright_on_black_cropped_scaled_to_20_pixels_and_centred_by_mass(bool darkInk)
    {
        var grey = Bar(out int h, out int w, darkInk);
        var t = MnistStyle.FromGrey(grey, h, w);

        Assert.Equal([28, 28, 1], t.Shape);
        var ink = Enumerable.Range(0, 784).Where(i => t.Data[i] > 0.5f).ToArray();
        int rows = ink.Max(i => i / 28) - ink.Min(i => i / 28) + 1, columns = ink.Max(i => i % 28) - ink.Min(i => i % 28) + 1;
        Assert.Equal((20, 7), (rows, columns));                     // 60×20 scaled by 1/3, aspect kept (6.67 → 7)
        double mass = t.Data.Sum(), cy = Enumerable.Range(0, 784).Sum(i => t.Data[i] * (i / 28 + 0.5)) / mass;
        double cx = Enumerable.Range(0, 784).Sum(i => t.Data[i] * (i % 28 + 0.5)) / mass;
        Assert.InRange(cy, 13.5, 14.5);
        Assert.InRange(cx, 13.5, 14.5);
        Assert.All(Enumerable.Range(0, 784).Where(i => i / 28 < 4 || i / 28 >= 24), i => Assert.Equal(0f, t.Data[i]));   // no paper texture
    }

    [Fact]
    public void A_blank_picture_is_refused_naming_it()
    {
        var grey = Enumerable.Repeat(0.8f, 100).ToArray();
        var e = Assert.Throws<ArgumentException>(() => MnistStyle.FromGrey(grey, 10, 10, "'blank.png'"));
        Assert.Contains("'blank.png' looks blank", e.Message);
    }
}
