using System.Security.Cryptography;

namespace NotebookNet.Data;

/// <summary>
/// Loads the MNIST handwritten digits shipped in <c>datasets/mnist/</c>: 60,000 training and 10,000 test images
/// of 28×28 pixels with labels 0–9 (Y. LeCun, C. Cortes, C. J. C. Burges; CC BY-SA 3.0).
/// </summary>
/// <remarks>
/// Every file is checked before it is trusted: the <c>.gz</c> bytes against <c>SHA256SUMS</c>, the decompressed
/// bytes against <c>SHA256SUMS.raw</c>; then images and labels must agree in count, images must be 28×28 and
/// labels 0–9.
/// </remarks>
/// <example><code>
/// var mnist = Mnist.Load();
/// Tensor x = mnist.Train.Images;   // [60000, 28, 28, 1], values in [0, 1]
/// Tensor y = mnist.Train.OneHot;   // [60000, 10]
/// int first = mnist.Train.Labels[0];   // 5
/// </code></example>
public static class Mnist
{
    /// <summary>Environment variable naming a folder that holds <c>mnist/</c>; used when no directory is passed.</summary>
    public const string DatasetsVariable = "NOTEBOOKNET_DATASETS";

    /// <summary>Image height in pixels.</summary>
    public const int Height = 28;

    /// <summary>Image width in pixels.</summary>
    public const int Width = 28;

    /// <summary>Number of classes (the digits 0–9).</summary>
    public const int Classes = 10;

    /// <summary>Pixels in one image, 28 · 28 = 784.</summary>
    public const int PixelsPerImage = Height * Width;

    /// <summary>The four data files, as listed in <c>SHA256SUMS</c>.</summary>
    public static IReadOnlyList<string> FileNames { get; } =
        [TrainImages, TrainLabels, TestImages, TestLabels];

    private const string TrainImages = "train-images-idx3-ubyte.gz";
    private const string TrainLabels = "train-labels-idx1-ubyte.gz";
    private const string TestImages = "t10k-images-idx3-ubyte.gz";
    private const string TestLabels = "t10k-labels-idx1-ubyte.gz";
    private const string Manifest = "SHA256SUMS";
    private const string RawManifest = "SHA256SUMS.raw";

    /// <summary>
    /// Finds, verifies and reads MNIST. Takes the first <paramref name="trainCount"/> training and the first
    /// <paramref name="testCount"/> test images when given (all of them when null).
    /// </summary>
    /// <param name="directory">The folder holding the files (or a folder holding <c>mnist/</c>); null to search, see <see cref="FindDirectory"/>.</param>
    /// <param name="trainCount">1..60000, or null for all.</param>
    /// <param name="testCount">1..10000, or null for all.</param>
    /// <exception cref="DirectoryNotFoundException">The data could not be found; the message lists where it looked.</exception>
    /// <exception cref="FileNotFoundException">A data file or manifest is missing.</exception>
    /// <exception cref="InvalidDataException">A checksum does not match or a file is malformed; the message names the file.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A count is outside 1..available.</exception>
    public static MnistData Load(string? directory = null, int? trainCount = null, int? testCount = null)
    {
        if (trainCount < 1) throw BadCount(nameof(trainCount), trainCount.Value, null);
        if (testCount < 1) throw BadCount(nameof(testCount), testCount.Value, null);
        string folder = FindDirectory(directory);
        var sums = Sha256Manifest.Read(Path.Combine(folder, Manifest));
        var rawSums = Sha256Manifest.Read(Path.Combine(folder, RawManifest));

        // The two splits are independent; reading them side by side hides the smaller one's cost.
        var test = Task.Run(() => ReadSet("test", folder, TestImages, TestLabels, sums, rawSums));
        MnistSet train;
        try { train = ReadSet("train", folder, TrainImages, TrainLabels, sums, rawSums); }
        catch
        {
            // Let the test split finish first, so no file read outlives this call.
            try { test.Wait(); } catch (AggregateException) { }
            throw;
        }
        return new MnistData(folder, Take(train, trainCount, nameof(trainCount)), Take(test.GetAwaiter().GetResult(), testCount, nameof(testCount)));
    }

    /// <summary>
    /// The MNIST folder <see cref="Load"/> would use: <paramref name="directory"/> (or its <c>mnist</c> subfolder) if
    /// given; else <c>$NOTEBOOKNET_DATASETS/mnist</c> if that variable is set; else the first
    /// <c>datasets/mnist</c> holding <c>SHA256SUMS</c> found walking up from the current directory, then from
    /// <see cref="AppContext.BaseDirectory"/>. Returns a full path.
    /// </summary>
    public static string FindDirectory(string? directory = null) =>
        Locate(directory, Environment.GetEnvironmentVariable(DatasetsVariable),
               [Directory.GetCurrentDirectory(), AppContext.BaseDirectory]);

    /// <summary><see cref="FindDirectory"/> with its inputs explicit, so tests can point it anywhere.</summary>
    internal static string Locate(string? directory, string? datasetsVariable, IEnumerable<string> searchFrom)
    {
        if (directory is not null)
        {
            string full = Path.GetFullPath(directory);
            if (HasManifest(full)) return full;
            if (HasManifest(Path.Combine(full, "mnist"))) return Path.Combine(full, "mnist");
            throw new DirectoryNotFoundException(
                $"No MNIST in directory '{directory}' ({full}): neither it nor its 'mnist' subfolder holds {Manifest}.");
        }
        if (!string.IsNullOrWhiteSpace(datasetsVariable))
        {
            string candidate = Path.Combine(Path.GetFullPath(datasetsVariable), "mnist");
            if (HasManifest(candidate)) return candidate;
            throw new DirectoryNotFoundException(
                $"{DatasetsVariable} is '{datasetsVariable}', but '{candidate}' holds no {Manifest}. " +
                $"Set it to the folder that holds mnist/, or unset it to search upwards from the current directory.");
        }
        var looked = new List<string>();
        foreach (string start in searchFrom)
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                string candidate = Path.Combine(dir.FullName, "datasets", "mnist");
                if (HasManifest(candidate)) return candidate;
                looked.Add(candidate);
            }
        }
        throw new DirectoryNotFoundException(
            $"Could not find MNIST: no datasets/mnist/{Manifest} in any of\n  " + string.Join("\n  ", looked) +
            $"\nPass the folder to Mnist.Load(directory), or set {DatasetsVariable} to the folder that holds mnist/.");
    }

    private static bool HasManifest(string folder) => File.Exists(Path.Combine(folder, Manifest));

    private static MnistSet ReadSet(string name, string folder, string imagesFile, string labelsFile,
                                    Sha256Manifest sums, Sha256Manifest rawSums)
    {
        IdxArray images = ReadVerified(folder, imagesFile, sums, rawSums);
        IdxArray labels = ReadVerified(folder, labelsFile, sums, rawSums);
        if (images.ElementType != IdxElementType.UnsignedByte || images.Dimensions is not [_, Height, Width])
            throw new InvalidDataException($"'{images.Source}' should hold unsigned-byte images [N, 28, 28]; it holds {images.ElementType} [{string.Join(", ", images.Dimensions)}].");
        if (labels.ElementType != IdxElementType.UnsignedByte || labels.Dimensions.Length != 1)
            throw new InvalidDataException($"'{labels.Source}' should hold unsigned-byte labels [N]; it holds {labels.ElementType} [{string.Join(", ", labels.Dimensions)}].");
        if (images.Dimensions[0] != labels.Dimensions[0])
            throw new InvalidDataException($"Count mismatch: '{images.Source}' holds {images.Dimensions[0]} images but '{labels.Source}' holds {labels.Dimensions[0]} labels.");

        byte[] raw = labels.Bytes;
        var classes = new int[raw.Length];
        for (int i = 0; i < raw.Length; i++)
        {
            if (raw[i] >= Classes)
                throw new InvalidDataException($"'{labels.Source}': label {raw[i]} at index {i} is outside 0..{Classes - 1}.");
            classes[i] = raw[i];
        }
        return new MnistSet(name, images.Bytes, classes);
    }

    /// <summary>Reads one file, checks its checksum, parses it as IDX and checks the checksum of what was parsed.</summary>
    private static IdxArray ReadVerified(string folder, string fileName, Sha256Manifest sums, Sha256Manifest rawSums)
    {
        string path = Path.Combine(folder, fileName);
        if (!File.Exists(path))
            throw new FileNotFoundException($"MNIST file '{fileName}' is missing from {folder} (it should hold the files listed in {Manifest}).", path);
        byte[] packed = File.ReadAllBytes(path);
        sums.Verify(fileName, packed, $"'{path}'");
        if (!Idx.IsGzip(packed))
            throw new InvalidDataException($"'{path}' is not gzip-compressed (it does not start with 1f 8b).");

        // The raw checksum is computed while parsing, so the 47 MB of decompressed images exist only once.
        using var rawHash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        IdxArray result;
        using (var stream = new MemoryStream(packed, writable: false))
            result = Idx.Read(stream, path, rawHash);
        rawSums.VerifyHash(Path.GetFileNameWithoutExtension(fileName), rawHash.GetHashAndReset(), $"the decompressed contents of '{path}'");
        return result;
    }

    private static MnistSet Take(MnistSet set, int? count, string parameter)
    {
        if (count is null || count == set.Count) return set;
        if (count > set.Count) throw BadCount(parameter, count.Value, set.Count);
        // Copied rather than shared (as Subset does), so the full set's bytes can be freed.
        int n = count.Value;
        return new MnistSet(set.Name, set.Pixels[..(n * PixelsPerImage)].ToArray(), set.Labels[..n]);
    }

    private static ArgumentOutOfRangeException BadCount(string parameter, int value, int? available) =>
        new(parameter, value, available is null
            ? $"{parameter} = {value} must be at least 1 (or null for every image)."
            : $"{parameter} = {value} is outside 1..{available} (the images available).");
}
