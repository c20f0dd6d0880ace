using NotebookNet.Data;

namespace NotebookNet.Tests.Data;

/// <summary>Finding the folder and refusing damaged copies of the shipped data.</summary>
[Collection(DatasetsEnvironmentCollection.Name)]
public sealed class MnistLoadingTests : IDisposable
{
    private const string TestLabels = "t10k-labels-idx1-ubyte.gz";
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    /// <summary>The repository's datasets/mnist, found from the test binaries whatever the environment says.</summary>
    private static string Shipped => Mnist.Locate(null, null, [AppContext.BaseDirectory]);

    /// <summary>Copies the shipped files into &lt;temp&gt;/mnist and returns that folder.</summary>
    private string CopyOfShipped()
    {
        string folder = Directory.CreateDirectory(Path.Combine(_temp.Path, "mnist")).FullName;
        foreach (string file in Directory.GetFiles(Shipped).Where(f => !f.EndsWith(".md")))
            File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        return folder;
    }

    /// <summary>Replaces a data file by the gzip of <paramref name="raw"/>, updating the chosen manifests to match it.</summary>
    private static void Replace(string folder, string fileName, byte[] raw, bool updateRawManifest)
    {
        byte[] gz = TestFiles.Gzip(raw);
        File.WriteAllBytes(Path.Combine(folder, fileName), gz);
        SetHash(Path.Combine(folder, "SHA256SUMS"), fileName, TestFiles.Sha256(gz));
        if (updateRawManifest)
            SetHash(Path.Combine(folder, "SHA256SUMS.raw"), Path.GetFileNameWithoutExtension(fileName), TestFiles.Sha256(raw));
    }

    private static void SetHash(string manifest, string name, string hash) =>
        File.WriteAllLines(manifest, File.ReadAllLines(manifest)
            .Select(line => line.EndsWith("  " + name) ? $"{hash}  {name}" : line));

    private static byte[] ShippedRaw(string fileName) => TestFiles.Gunzip(File.ReadAllBytes(Path.Combine(Shipped, fileName)));

    [Fact]
    public void Without_arguments_the_repository_datasets_folder_is_found_by_walking_up()
    {
        string? saved = Environment.GetEnvironmentVariable(Mnist.DatasetsVariable);
        try
        {
            Environment.SetEnvironmentVariable(Mnist.DatasetsVariable, null);
            string found = Mnist.FindDirectory();

            Assert.True(File.Exists(Path.Combine(found, "SHA256SUMS")));
            Assert.Equal("mnist", Path.GetFileName(found));
            Assert.Equal("datasets", Path.GetFileName(Path.GetDirectoryName(found)));
        }
        finally { Environment.SetEnvironmentVariable(Mnist.DatasetsVariable, saved); }
    }

    [Fact]
    public void NOTEBOOKNET_DATASETS_points_the_loader_at_another_folder()
    {
        string copy = CopyOfShipped();
        string? saved = Environment.GetEnvironmentVariable(Mnist.DatasetsVariable);
        try
        {
            Environment.SetEnvironmentVariable(Mnist.DatasetsVariable, _temp.Path);

            Assert.Equal(copy, Mnist.FindDirectory());
            MnistData data = Mnist.Load(trainCount: 10, testCount: 10);
            Assert.Equal(copy, data.Directory);
            Assert.Equal(5, data.Train.Labels[0]);
        }
        finally { Environment.SetEnvironmentVariable(Mnist.DatasetsVariable, saved); }
    }

    [Fact]
    public void NOTEBOOKNET_DATASETS_without_an_mnist_folder_is_an_error_naming_the_variable_and_value()
    {
        string? saved = Environment.GetEnvironmentVariable(Mnist.DatasetsVariable);
        try
        {
            Environment.SetEnvironmentVariable(Mnist.DatasetsVariable, _temp.Path);

            var e = Assert.Throws<DirectoryNotFoundException>(() => Mnist.Load());

            Assert.Contains("NOTEBOOKNET_DATASETS", e.Message);
            Assert.Contains(_temp.Path, e.Message);
        }
        finally { Environment.SetEnvironmentVariable(Mnist.DatasetsVariable, saved); }
    }

    [Fact]
    public void An_explicit_directory_may_be_the_mnist_folder_or_the_folder_holding_it()
    {
        string copy = CopyOfShipped();

        Assert.Equal(copy, Mnist.FindDirectory(copy));
        Assert.Equal(copy, Mnist.FindDirectory(_temp.Path));
        Assert.Equal(copy, Mnist.Load(_temp.Path, trainCount: 1, testCount: 1).Directory);
    }

    [Fact]
    public void An_explicit_directory_without_MNIST_is_an_error_naming_it()
    {
        var e = Assert.Throws<DirectoryNotFoundException>(() => Mnist.Load(_temp.Path));

        Assert.Contains(_temp.Path, e.Message);
        Assert.Contains("SHA256SUMS", e.Message);
    }

    [Fact]
    public void When_nothing_is_found_the_error_lists_every_folder_searched()
    {
        string start = Directory.CreateDirectory(Path.Combine(_temp.Path, "a", "b")).FullName;

        var e = Assert.Throws<DirectoryNotFoundException>(() => Mnist.Locate(null, null, [start]));

        Assert.Contains(Path.Combine(start, "datasets", "mnist"), e.Message);
        Assert.Contains(Path.Combine(_temp.Path, "a", "datasets", "mnist"), e.Message);
        Assert.Contains(Path.Combine(_temp.Path, "datasets", "mnist"), e.Message);
        Assert.Contains("NOTEBOOKNET_DATASETS", e.Message);
    }

    [Fact]
    public void A_gz_file_with_one_byte_flipped_fails_its_checksum_naming_the_file_and_both_hashes()
    {
        string copy = CopyOfShipped();
        string path = Path.Combine(copy, TestLabels);
        byte[] gz = File.ReadAllBytes(path);
        string expected = TestFiles.Sha256(gz);
        gz[gz.Length / 2] ^= 0x01;
        File.WriteAllBytes(path, gz);

        var e = Assert.Throws<InvalidDataException>(() => Mnist.Load(copy));

        Assert.Contains(TestLabels, e.Message);
        Assert.Contains("checksum", e.Message);
        Assert.Contains(expected, e.Message);
        Assert.Contains(TestFiles.Sha256(gz), e.Message);
    }

    [Fact]
    public void Decompressed_bytes_that_differ_from_SHA256SUMS_raw_are_rejected()
    {
        string copy = CopyOfShipped();
        byte[] raw = ShippedRaw(TestLabels);
        raw[8] = (byte)(raw[8] == 3 ? 4 : 3);   // still a valid label, so only the raw checksum can catch it
        Replace(copy, TestLabels, raw, updateRawManifest: false);

        var e = Assert.Throws<InvalidDataException>(() => Mnist.Load(copy));

        Assert.Contains("decompressed", e.Message);
        Assert.Contains("checksum", e.Message);
        Assert.Contains(TestLabels, e.Message);
    }

    [Fact]
    public void A_missing_data_file_is_reported_by_name()
    {
        string copy = CopyOfShipped();
        File.Delete(Path.Combine(copy, TestLabels));

        var e = Assert.Throws<FileNotFoundException>(() => Mnist.Load(copy));

        Assert.Contains(TestLabels, e.Message);
        Assert.Contains(copy, e.Message);
    }

    [Fact]
    public void A_missing_raw_manifest_is_reported_by_name()
    {
        string copy = CopyOfShipped();
        File.Delete(Path.Combine(copy, "SHA256SUMS.raw"));

        var e = Assert.Throws<FileNotFoundException>(() => Mnist.Load(copy));

        Assert.Contains("SHA256SUMS.raw", e.Message);
    }

    [Fact]
    public void Labels_and_images_with_different_counts_are_rejected_naming_both_files()
    {
        string copy = CopyOfShipped();
        byte[] labels = ShippedRaw(TestLabels)[8..^1];   // 9999 of the 10000 labels
        Replace(copy, TestLabels, TestFiles.Idx(0x08, [9999], labels), updateRawManifest: true);

        var e = Assert.Throws<InvalidDataException>(() => Mnist.Load(copy));

        Assert.Contains("t10k-images-idx3-ubyte.gz", e.Message);
        Assert.Contains(TestLabels, e.Message);
        Assert.Contains("10000 images", e.Message);
        Assert.Contains("9999 labels", e.Message);
    }

    [Fact]
    public void A_label_above_nine_is_rejected_naming_the_file_index_and_value()
    {
        string copy = CopyOfShipped();
        byte[] raw = ShippedRaw(TestLabels);
        raw[8 + 42] = 10;
        Replace(copy, TestLabels, raw, updateRawManifest: true);

        var e = Assert.Throws<InvalidDataException>(() => Mnist.Load(copy));

        Assert.Contains(TestLabels, e.Message);
        Assert.Contains("label 10 at index 42", e.Message);
    }

    [Fact]
    public void Images_that_are_not_28_by_28_are_rejected_naming_the_file_and_shape()
    {
        string copy = CopyOfShipped();
        Replace(copy, "t10k-images-idx3-ubyte.gz", TestFiles.Idx(0x08, [10000, 1, 1], new byte[10000]), updateRawManifest: true);

        var e = Assert.Throws<InvalidDataException>(() => Mnist.Load(copy));

        Assert.Contains("t10k-images-idx3-ubyte.gz", e.Message);
        Assert.Contains("[10000, 1, 1]", e.Message);
    }
}
