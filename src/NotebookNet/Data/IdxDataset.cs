using System.Security.Cryptography;

namespace NotebookNet.Data;

/// <summary>
/// Loads any image + label pair of IDX files (the format of MNIST, Fashion-MNIST, KMNIST, EMNIST, ...), raw or
/// gzip-compressed, into the type MNIST gives (<see cref="MnistSet"/>: images, labels, one-hot, Subset, Split).
/// </summary>
/// <remarks>
/// The images file must hold unsigned bytes <c>[N, height, width]</c> (or <c>[N, height, width, 1]</c>), the labels
/// file unsigned bytes <c>[N]</c>, with the same N. With a SHA-256 given, the file's bytes as stored (compressed or
/// not) are checked before anything is parsed. Every error is an <see cref="InvalidDataException"/> (or
/// <see cref="FileNotFoundException"/>) that names the file.
/// </remarks>
/// <example><code>
/// var fashion = IdxDataset.Load("data/train-images-idx3-ubyte.gz", "data/train-labels-idx1-ubyte.gz",
///     imagesSha256: "3aede38d...", dataset: "Fashion-MNIST");
/// var (train, validation) = fashion.Split(0.1);
/// model.Fit(train.Images, train.OneHot, validationData: (validation.Images, validation.OneHot));
/// </code></example>
public static class IdxDataset
{
    /// <summary>Reads, checks and pairs the two files.</summary>
    /// <param name="imagesPath">IDX file of unsigned-byte images <c>[N, height, width]</c>, raw or .gz.</param>
    /// <param name="labelsPath">IDX file of unsigned-byte labels <c>[N]</c>, raw or .gz.</param>
    /// <param name="imagesSha256">The expected SHA-256 (hex) of the images file as stored, or null not to check.</param>
    /// <param name="labelsSha256">The expected SHA-256 (hex) of the labels file as stored, or null not to check.</param>
    /// <param name="classes">Number of classes; null for the largest label + 1.</param>
    /// <param name="dataset">The data set's name in messages and <see cref="MnistSet.Dataset"/>.</param>
    /// <param name="split">The split's name, <see cref="MnistSet.Name"/>.</param>
    public static MnistSet Load(string imagesPath, string labelsPath, string? imagesSha256 = null, string? labelsSha256 = null,
        int? classes = null, string dataset = "IDX data", string split = "train")
    {
        var images = ReadChecked(imagesPath, imagesSha256);
        var labels = ReadChecked(labelsPath, labelsSha256);
        if (images.ElementType != IdxElementType.UnsignedByte || images.Dimensions is not ([_, _, _] or [_, _, _, 1]))
            throw new InvalidDataException($"'{imagesPath}' should hold unsigned-byte images [N, height, width]; it holds {images.ElementType} [{string.Join(", ", images.Dimensions)}].");
        if (labels.ElementType != IdxElementType.UnsignedByte || labels.Dimensions.Length != 1)
            throw new InvalidDataException($"'{labelsPath}' should hold unsigned-byte labels [N]; it holds {labels.ElementType} [{string.Join(", ", labels.Dimensions)}].");
        if (images.Dimensions[0] != labels.Dimensions[0])
            throw new InvalidDataException($"Count mismatch: '{imagesPath}' holds {images.Dimensions[0]} images but '{labelsPath}' holds {labels.Dimensions[0]} labels.");
        int[] classIndex = labels.Bytes.Select(b => (int)b).ToArray();
        int outside = classes is int k ? Array.FindIndex(classIndex, c => c >= k) : -1;
        if (outside >= 0)
            throw new InvalidDataException($"'{labelsPath}': label {classIndex[outside]} at index {outside} is outside 0..{classes - 1} (classes: {classes}).");
        return MnistSet.FromPixels(dataset, split, images.Bytes, classIndex, images.Dimensions[1], images.Dimensions[2], classes);
    }

    private static IdxArray ReadChecked(string path, string? sha256)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
            throw new FileNotFoundException($"IDX file '{path}' does not exist (full path {Path.GetFullPath(path)}).", path);
        byte[] bytes = File.ReadAllBytes(path);
        if (sha256 is not null)
        {
            string actual = Convert.ToHexStringLower(SHA256.HashData(bytes));
            if (!string.Equals(actual, sha256.Trim(), StringComparison.OrdinalIgnoreCase))
                throw new InvalidDataException($"SHA-256 checksum mismatch for '{path}': expected {sha256.Trim().ToLowerInvariant()}, the file hashes to {actual}. " +
                    "The file is damaged or not the one expected; download it again.");
        }
        using var stream = new MemoryStream(bytes, writable: false);
        return Idx.Read(stream, path);
    }
}
