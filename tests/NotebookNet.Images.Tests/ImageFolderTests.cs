namespace NotebookNet.Images.Tests;

public sealed class ImageFolderTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    // Class "bars": a vertical white bar on black; class "blank": black; images of different sizes.
    private void WriteShapes()
    {
        for (int i = 0; i < 3; i++)
        {
            int size = 20 + 10 * i;
            _folder.Png($"shapes/bars/{i}.png", size, size, (y, x) => x >= size / 4 && x < size / 2 ? ((byte)255, (byte)255, (byte)255) : ((byte)0, (byte)0, (byte)0));
            _folder.Png($"shapes/blank/{i}.png", size + 5, size, (_, _) => (0, 0, 0));
        }
        File.WriteAllText(_folder.File("shapes", "bars", "notes.txt"), "not an image: ignored by its extension");
    }

    [Fact]
    public void A_folder_per_class_becomes_a_data_set_resized_grey_and_normalised()
    {
        WriteShapes();
        var set = ImageFolder.Load(_folder.File("shapes"), height: 8, width: 8);

        Assert.Equal(["bars", "blank"], set.ClassNames);
        Assert.Equal((6, 8, 8, 2), (set.Count, set.Height, set.Width, set.Classes));
        Assert.Equal([6, 8, 8, 1], set.Images.Shape);
        Assert.Equal(3, set.Labels.Count(l => l == 0));
        for (int i = 0; i < set.Count; i++)
        {
            var image = set.Images.Slice(i, 1).Data;
            if (set.Labels[i] == 1) Assert.All(image, v => Assert.Equal(0f, v));
            else
            {
                Assert.Equal(1f, image[3]);                      // column 3 of 8 lies inside the bar (x in [2, 4))
                Assert.Equal(0f, image[7]);
                Assert.InRange(image.Average(), 0.2, 0.3);       // a quarter of the width is bar
            }
        }
        Assert.NotEqual([0, 0, 0, 1, 1, 1], set.Labels);        // shuffled, as Keras does
        Assert.Equal([0, 0, 0, 1, 1, 1], ImageFolder.Load(_folder.File("shapes"), 8, 8, shuffle: false).Labels);
    }

    [Fact]
    public void Invert_makes_dark_ink_on_light_paper_bright_on_black()
    {
        _folder.Png("ink/a/0.png", 4, 4, (y, _) => y == 0 ? ((byte)0, (byte)0, (byte)0) : ((byte)255, (byte)255, (byte)255));
        var set = ImageFolder.Load(_folder.File("ink"), 4, 4, invert: true);
        Assert.Equal([1f, 1f, 1f, 1f, 0f], set.Images.Data[..5]);
    }

    [Fact]
    public void A_bad_image_a_missing_folder_and_an_empty_one_are_named()
    {
        WriteShapes();
        File.WriteAllText(_folder.File("shapes", "blank", "broken.png"), "this is text, not a PNG");
        var bad = Assert.Throws<InvalidDataException>(() => ImageFolder.Load(_folder.File("shapes")));
        Assert.Contains("broken.png' cannot be decoded", bad.Message);

        Assert.Throws<DirectoryNotFoundException>(() => ImageFolder.Load(_folder.File("nowhere")));
        Directory.CreateDirectory(_folder.File("empty", "a"));
        Assert.Contains("no image in them", Assert.Throws<InvalidDataException>(() => ImageFolder.Load(_folder.File("empty"))).Message);
    }
}
