using System.Security.Cryptography;
using NotebookNet.Data;

namespace NotebookNet.Tests.Data;

public sealed class IdxDatasetTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    // Five 3×4 images whose pixels encode (image, position), labels 0, 1, 2, 0, 1.
    private (string Images, string Labels) Write(bool gzip)
    {
        var pixels = Enumerable.Range(0, 5 * 12).Select(i => (byte)(i * 4)).ToArray();
        byte[] images = TestFiles.Idx(0x08, [5, 3, 4], pixels), labels = TestFiles.Idx(0x08, [5], [0, 1, 2, 0, 1]);
        string ext = gzip ? ".gz" : "";
        File.WriteAllBytes(_folder.File("images" + ext), gzip ? TestFiles.Gzip(images) : images);
        File.WriteAllBytes(_folder.File("labels" + ext), gzip ? TestFiles.Gzip(labels) : labels);
        return (_folder.File("images" + ext), _folder.File("labels" + ext));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Any_idx_pair_raw_or_gzip_loads_into_the_type_mnist_gives(bool gzip)
    {
        var (images, labels) = Write(gzip);
        var set = IdxDataset.Load(images, labels, dataset: "tiny", split: "train");

        Assert.Equal((5, 3, 4, 3), (set.Count, set.Height, set.Width, set.Classes));
        Assert.Equal([5, 3, 4, 1], set.Images.Shape);
        Assert.Equal(4 * 13 / 255f, set.Images[1, 0, 1, 0]);          // image 1, row 0, column 1 is byte 13 · 4
        Assert.Equal([0, 1, 2, 0, 1], set.Labels);
        Assert.Equal([5, 3], set.OneHot.Shape);
        Assert.Equal(1f, set.OneHot[2, 2]);
        Assert.Equal([2, 0], set.Subset(2, 2).Labels);
        var (train, validation) = set.Split(0.4);
        Assert.Equal([0, 1, 2], train.Labels);
        Assert.Equal([0, 1], validation.Labels);
        Assert.Equal([2, 3, 4, 1], validation.Images.Shape);
        Assert.Equal("tiny train: 5 images [5, 3, 4, 1], labels 0-2", set.ToString());
    }

    [Fact]
    public void A_matching_sha256_passes_and_a_wrong_one_names_the_file_and_both_hashes()
    {
        var (images, labels) = Write(gzip: true);
        string right = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(images)));
        Assert.Equal(5, IdxDataset.Load(images, labels, imagesSha256: right.ToUpperInvariant()).Count);

        string wrong = new('0', 64);
        var e = Assert.Throws<InvalidDataException>(() => IdxDataset.Load(images, labels, labelsSha256: wrong));
        Assert.Contains($"'{labels}'", e.Message);
        Assert.Contains(wrong, e.Message);
        Assert.Contains(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(labels))), e.Message);
    }

    [Fact]
    public void A_truncated_file_a_count_mismatch_and_a_label_beyond_the_classes_are_named()
    {
        var (images, labels) = Write(gzip: false);
        var bytes = File.ReadAllBytes(images);
        File.WriteAllBytes(images, bytes[..^7]);
        var truncated = Assert.Throws<InvalidDataException>(() => IdxDataset.Load(images, labels));
        Assert.Contains($"'{images}': truncated", truncated.Message);

        File.WriteAllBytes(images, bytes);
        File.WriteAllBytes(labels, TestFiles.Idx(0x08, [4], [0, 1, 2, 0]));
        Assert.Contains("holds 5 images but", Assert.Throws<InvalidDataException>(() => IdxDataset.Load(images, labels)).Message);

        File.WriteAllBytes(labels, TestFiles.Idx(0x08, [5], [0, 1, 2, 0, 9]));
        var beyond = Assert.Throws<InvalidDataException>(() => IdxDataset.Load(images, labels, classes: 3));
        Assert.Contains("label 9 at index 4 is outside 0..2", beyond.Message);
        Assert.Throws<FileNotFoundException>(() => IdxDataset.Load(_folder.File("nope"), labels));
    }

    [Fact]
    public void Split_of_mnist_takes_the_validation_images_from_the_end()
    {
        var train = Mnist.Load(trainCount: 1000, testCount: 1).Train;
        var (a, b) = train.Split(0.1);
        Assert.Equal((900, 100), (a.Count, b.Count));
        Assert.Equal(train.Labels[900..], b.Labels);
        Assert.Equal("MNIST validation: 100 images [100, 28, 28, 1], labels 0-9", b.ToString());
        Assert.Throws<ArgumentOutOfRangeException>(() => train.Split(1.0));
    }
}
