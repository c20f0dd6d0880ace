using System.Numerics.Tensors;
using System.Security.Cryptography;
using NotebookNet.Data;

namespace NotebookNet.Homework;

/// <summary>
/// The teacher's test set for grading: 28×28 grey images and their labels 0–9 read from two IDX files (raw or gzip),
/// e.g. MNIST's <c>t10k-images-idx3-ubyte.gz</c> and <c>t10k-labels-idx1-ubyte.gz</c>, or a held-out set of the
/// teacher's own in the same format.
/// </summary>
/// <example><code>
/// var test = GradingTestSet.Read("hidden/images-idx3-ubyte.gz", "hidden/labels-idx1-ubyte.gz");
/// var report = MultiConvHomework.CheckModel(Sequential.Load("model.nbm"), test);
/// </code></example>
public sealed class GradingTestSet
{
    private GradingTestSet(string name, Tensor images, int[] labels, string sha256)
    {
        Name = name;
        Images = images;
        Labels = labels;
        Sha256 = sha256;
    }

    /// <summary>The images file's name, e.g. "t10k-images-idx3-ubyte.gz".</summary>
    public string Name { get; }

    /// <summary>The images, <c>[Count, 28, 28, 1]</c>, each value <c>pixel / 255</c> in [0, 1].</summary>
    public Tensor Images { get; }

    /// <summary>The labels 0–9, one per image.</summary>
    public int[] Labels { get; }

    /// <summary>Number of images.</summary>
    public int Count => Labels.Length;

    /// <summary>SHA-256 of the two files (images then labels), lower-case hex: which data a grade was measured on.</summary>
    public string Sha256 { get; }

    /// <summary>Reads and checks the two IDX files: unsigned-byte images [N, 28, 28] and unsigned-byte labels [N] in 0..9.</summary>
    /// <exception cref="FileNotFoundException">A file is missing.</exception>
    /// <exception cref="InvalidDataException">A file is not what the grader needs; the message names the file.</exception>
    public static GradingTestSet Read(string imagesPath, string labelsPath)
    {
        IdxArray images = Idx.Read(imagesPath);
        IdxArray labels = Idx.Read(labelsPath);
        if (images.ElementType != IdxElementType.UnsignedByte || images.Dimensions is not [_, Mnist.Height, Mnist.Width])
            throw new InvalidDataException($"Test images '{imagesPath}' should hold unsigned-byte images [N, 28, 28]; " +
                $"they hold {images.ElementType} [{string.Join(", ", images.Dimensions)}].");
        if (labels.ElementType != IdxElementType.UnsignedByte || labels.Dimensions is not [var n] || n != images.Dimensions[0])
            throw new InvalidDataException($"Test labels '{labelsPath}' should hold {images.Dimensions[0]} unsigned-byte labels (one per image " +
                $"of '{imagesPath}'); they hold {labels.ElementType} [{string.Join(", ", labels.Dimensions)}].");
        var classes = new int[labels.Bytes.Length];
        for (int i = 0; i < classes.Length; i++)
            classes[i] = labels.Bytes[i] < Mnist.Classes ? labels.Bytes[i]
                : throw new InvalidDataException($"Test labels '{labelsPath}': label {labels.Bytes[i]} at index {i} is outside 0..9.");
        var values = new float[images.Bytes.Length];
        TensorPrimitives.ConvertTruncating<byte, float>(images.Bytes, values);
        TensorPrimitives.Divide(values, 255f, values);
        var tensor = new Tensor(values, classes.Length, Mnist.Height, Mnist.Width, 1);
        return new GradingTestSet(Path.GetFileName(imagesPath), tensor, classes, Hash(imagesPath, labelsPath));
    }

    private static string Hash(params string[] paths)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (string path in paths) hash.AppendData(File.ReadAllBytes(path));
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Count:N0} test images from {Name}";
}
