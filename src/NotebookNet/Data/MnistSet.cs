using System.Numerics.Tensors;

namespace NotebookNet.Data;

/// <summary>
/// One split of MNIST (training or test): <see cref="Count"/> images of 28×28 grey pixels and their labels 0–9.
/// Any other grey image data set takes the same form (<see cref="IdxDataset.Load"/>, <see cref="FromPixels"/>, a
/// folder of PNG files through NotebookNet.Images): images of <see cref="Height"/>×<see cref="Width"/> and labels
/// 0..<see cref="Classes"/> − 1.
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
        : this(name, pixels, labels, Mnist.Height, Mnist.Width, Mnist.Classes, null, "MNIST") { }

    private MnistSet(string name, ReadOnlyMemory<byte> pixels, int[] labels, int height, int width, int classes,
        IReadOnlyList<string>? classNames, string dataset)
    {
        if (pixels.Length != (long)labels.Length * height * width)
            throw new ArgumentException($"{dataset} {name}: {pixels.Length} pixel bytes do not make {labels.Length} images of {height}×{width}.");
        Name = name;
        Dataset = dataset;
        Height = height;
        Width = width;
        Classes = classes;
        ClassNames = classNames;
        _pixels = pixels;
        _labels = labels;
        _images = new Lazy<Tensor>(() => ToImages(_pixels.Span, Count));
        _oneHot = new Lazy<Tensor>(() => NotebookNet.Data.Labels.OneHot(_labels, Classes));
    }

    /// <summary>
    /// A data set of grey images from their pixels: <paramref name="pixels"/> holds <c>labels.Length</c> images of
    /// <paramref name="height"/>×<paramref name="width"/> bytes (0 = background, 255 = ink), row by row.
    /// </summary>
    /// <param name="dataset">The data set's name in messages, e.g. "Fashion-MNIST".</param>
    /// <param name="name">The split, e.g. "train".</param>
    /// <param name="pixels">The pixels, image after image (shared, not copied).</param>
    /// <param name="labels">One class per image, 0..<paramref name="classes"/> − 1 (shared, not copied).</param>
    /// <param name="height">Image height.</param>
    /// <param name="width">Image width.</param>
    /// <param name="classes">Number of classes; null for the largest label + 1.</param>
    /// <param name="classNames">A name per class (e.g. the folder names), if known.</param>
    public static MnistSet FromPixels(string dataset, string name, ReadOnlyMemory<byte> pixels, int[] labels, int height, int width,
        int? classes = null, IReadOnlyList<string>? classNames = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataset);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(labels);
        if (height < 1 || width < 1)
            throw new ArgumentOutOfRangeException(nameof(height), $"{dataset} {name}: received height={height}, width={width}; both must be ≥ 1.");
        int k = classes ?? classNames?.Count ?? (labels.Length == 0 ? 1 : labels.Max() + 1);
        if (k < 1) throw new ArgumentOutOfRangeException(nameof(classes), k, $"{dataset} {name}: received classes={k}; it must be ≥ 1.");
        for (int i = 0; i < labels.Length; i++)
            if ((uint)labels[i] >= (uint)k)
                throw new ArgumentException($"{dataset} {name}: label {labels[i]} at index {i} is outside 0..{k - 1}.", nameof(labels));
        if (classNames is not null && classNames.Count != k)
            throw new ArgumentException($"{dataset} {name}: {classNames.Count} class names for {k} classes.", nameof(classNames));
        return new MnistSet(name, pixels, labels, height, width, k, classNames, dataset);
    }

    /// <summary>"train" or "test" (or the split name given to <see cref="FromPixels"/>).</summary>
    public string Name { get; }

    /// <summary>The data set's name, "MNIST" for MNIST.</summary>
    public string Dataset { get; }

    /// <summary>Image height in pixels (28 for MNIST).</summary>
    public int Height { get; }

    /// <summary>Image width in pixels (28 for MNIST).</summary>
    public int Width { get; }

    /// <summary>Number of classes (10 for MNIST); labels are 0..Classes − 1.</summary>
    public int Classes { get; }

    /// <summary>A name per class when the data set has them (a folder per class), else null.</summary>
    public IReadOnlyList<string>? ClassNames { get; }

    private int PixelsPerImage => Height * Width;

    /// <summary>Number of images.</summary>
    public int Count => _labels.Length;

    /// <summary>The labels 0–9, one per image (shared: do not modify).</summary>
    public int[] Labels => _labels;

    /// <summary>The raw pixels, 0 (background) to 255 (ink), image after image, row by row: <c>Count × Height × Width</c> bytes.</summary>
    public ReadOnlyMemory<byte> Pixels => _pixels;

    /// <summary>The images as a tensor <c>[Count, Height, Width, 1]</c> (NHWC), each value <c>pixel / 255f</c> in [0, 1]. Built on first use, then cached.</summary>
    public Tensor Images => _images.Value;

    /// <summary>The labels one-hot encoded, <c>[Count, Classes]</c> (see <see cref="Data.Labels.OneHot"/>). Built on first use, then cached.</summary>
    public Tensor OneHot => _oneHot.Value;

    /// <summary>Image <paramref name="index"/> alone as a new tensor <c>[Height, Width, 1]</c>, values in [0, 1].</summary>
    public Tensor Image(int index)
    {
        if ((uint)index >= (uint)Count)
            throw new ArgumentOutOfRangeException(nameof(index), index, $"{Dataset} {Name} has images 0..{Count - 1}; received index = {index}.");
        return ToImages(_pixels.Span.Slice(index * PixelsPerImage, PixelsPerImage), 1).Reshape(Height, Width, 1);
    }

    /// <summary>The first <paramref name="count"/> images (1..<see cref="Count"/>). Shares the pixel bytes.</summary>
    public MnistSet Subset(int count) => Subset(0, count);

    /// <summary>Images <c>[start, start + count)</c>. Shares the pixel bytes; tensors are built for the subset only.</summary>
    public MnistSet Subset(int start, int count)
    {
        if (start < 0 || start >= Count)
            throw new ArgumentOutOfRangeException(nameof(start), start, $"{Dataset} {Name} has images 0..{Count - 1}; received start = {start}.");
        if (count < 1 || count > Count - start)
            throw new ArgumentOutOfRangeException(nameof(count), count, $"{Dataset} {Name} has {Count - start} images from start = {start}; received count = {count} (allowed 1..{Count - start}).");
        return new MnistSet(Name, _pixels.Slice(start * PixelsPerImage, count * PixelsPerImage), _labels.AsSpan(start, count).ToArray(),
            Height, Width, Classes, ClassNames, Dataset);
    }

    /// <summary>
    /// Splits off the last <paramref name="validationFraction"/> of the images for validation, as Keras's
    /// <c>validation_split</c> does (from the end, not shuffled); both parts share the pixel bytes.
    /// </summary>
    /// <example><code>var (training, validation) = mnist.Train.Split(0.1);   // 54,000 and 6,000 images</code></example>
    public (MnistSet Train, MnistSet Validation) Split(double validationFraction)
    {
        int validation = (int)(Count * validationFraction);
        if (!(validationFraction > 0 && validationFraction < 1) || validation < 1 || validation >= Count)
            throw new ArgumentOutOfRangeException(nameof(validationFraction), validationFraction,
                $"{Dataset} {Name}: received validationFraction={validationFraction}; it must leave at least one of the {Count} images on each side.");
        var train = Subset(0, Count - validation);
        var held = Subset(Count - validation, validation);
        return (train, new MnistSet("validation", held._pixels, held._labels, Height, Width, Classes, ClassNames, Dataset));
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Dataset} {Name}: {Count} images [{Count}, {Height}, {Width}, 1], labels 0-{Classes - 1}";

    private Tensor ToImages(ReadOnlySpan<byte> pixels, int count)
    {
        var values = new float[pixels.Length];
        TensorPrimitives.ConvertTruncating<byte, float>(pixels, values);
        TensorPrimitives.Divide(values, 255f, values);
        return new Tensor(values, count, Height, Width, 1);
    }
}
