using System.Numerics.Tensors;

namespace NotebookNet.Data;

/// <summary>
/// One split of MNIST (training or test): <see cref="Count"/> images of 28×28 grey pixels and their labels 0–9.
/// </summary>
/// <remarks>
/// The pixels are kept as bytes (<see cref="Pixels"/>, 47 MB for the 60,000 training images). The float tensors
/// <see cref="Images"/> (188 MB for the training set) and <see cref="OneHot"/> are built on first use and then
/// cached, so a notebook that only trains on <c>Subset(1000)</c> never pays for the full float copy.
/// </remarks>
/// <example><code>
/// var train = Mnist.Load().Train;
/// Tensor x = train.Images;             // [60000, 28, 28, 1], values in [0, 1]
/// Tensor y = train.OneHot;             // [60000, 10]
/// var small = train.Subset(1000);      // the first 1000 images
/// </code></example>
public sealed class MnistSet
{
    private readonly ReadOnlyMemory<byte> _pixels;
    private readonly int[] _labels;
    private readonly Lazy<Tensor> _images;
    private readonly Lazy<Tensor> _oneHot;

    internal MnistSet(string name, ReadOnlyMemory<byte> pixels, int[] labels)
    {
        if (pixels.Length != labels.Length * Mnist.PixelsPerImage)
            throw new ArgumentException($"MNIST {name}: {pixels.Length} pixel bytes do not make {labels.Length} images of {Mnist.PixelsPerImage}.");
        Name = name;
        _pixels = pixels;
        _labels = labels;
        _images = new Lazy<Tensor>(() => ToImages(_pixels.Span, Count));
        _oneHot = new Lazy<Tensor>(() => NotebookNet.Data.Labels.OneHot(_labels, Mnist.Classes));
    }

    /// <summary>"train" or "test".</summary>
    public string Name { get; }

    /// <summary>Number of images.</summary>
    public int Count => _labels.Length;

    /// <summary>The labels 0–9, one per image (shared: do not modify).</summary>
    public int[] Labels => _labels;

    /// <summary>The raw pixels, 0 (background) to 255 (ink), image after image, row by row: <c>Count × 784</c> bytes.</summary>
    public ReadOnlyMemory<byte> Pixels => _pixels;

    /// <summary>The images as a tensor <c>[Count, 28, 28, 1]</c> (NHWC), each value <c>pixel / 255f</c> in [0, 1]. Built on first use, then cached.</summary>
    public Tensor Images => _images.Value;

    /// <summary>The labels one-hot encoded, <c>[Count, 10]</c> (see <see cref="Data.Labels.OneHot"/>). Built on first use, then cached.</summary>
    public Tensor OneHot => _oneHot.Value;

    /// <summary>Image <paramref name="index"/> alone as a new tensor <c>[28, 28, 1]</c>, values in [0, 1].</summary>
    public Tensor Image(int index)
    {
        if ((uint)index >= (uint)Count)
            throw new ArgumentOutOfRangeException(nameof(index), index, $"MNIST {Name} has images 0..{Count - 1}; received index = {index}.");
        return ToImages(_pixels.Span.Slice(index * Mnist.PixelsPerImage, Mnist.PixelsPerImage), 1).Reshape(Mnist.Height, Mnist.Width, 1);
    }

    /// <summary>The first <paramref name="count"/> images (1..<see cref="Count"/>). Shares the pixel bytes.</summary>
    public MnistSet Subset(int count) => Subset(0, count);

    /// <summary>Images <c>[start, start + count)</c>. Shares the pixel bytes; tensors are built for the subset only.</summary>
    public MnistSet Subset(int start, int count)
    {
        if (start < 0 || start >= Count)
            throw new ArgumentOutOfRangeException(nameof(start), start, $"MNIST {Name} has images 0..{Count - 1}; received start = {start}.");
        if (count < 1 || count > Count - start)
            throw new ArgumentOutOfRangeException(nameof(count), count, $"MNIST {Name} has {Count - start} images from start = {start}; received count = {count} (allowed 1..{Count - start}).");
        return new MnistSet(Name,
            _pixels.Slice(start * Mnist.PixelsPerImage, count * Mnist.PixelsPerImage),
            _labels.AsSpan(start, count).ToArray());
    }

    /// <inheritdoc/>
    public override string ToString() => $"MNIST {Name}: {Count} images [{Count}, 28, 28, 1], labels 0-9";

    private static Tensor ToImages(ReadOnlySpan<byte> pixels, int count)
    {
        var values = new float[pixels.Length];
        TensorPrimitives.ConvertTruncating<byte, float>(pixels, values);
        TensorPrimitives.Divide(values, 255f, values);
        return new Tensor(values, count, Mnist.Height, Mnist.Width, 1);
    }
}
