namespace NotebookNet.Data;

/// <summary>
/// The contents of one IDX file: its element type, its dimensions and its values.
/// Unsigned-byte data (<see cref="IdxElementType.UnsignedByte"/>, as in MNIST) is kept as bytes, a quarter of the
/// memory of floats; every other type is converted to float32 when read (int32 values above 2²⁴ and float64
/// values lose precision).
/// </summary>
/// <example><code>
/// var labels = Idx.Read("train-labels-idx1-ubyte.gz");   // Dimensions [60000], Bytes[0] == 5
/// var images = Idx.Read("train-images-idx3-ubyte.gz");   // Dimensions [60000, 28, 28]
/// Tensor t = images.ToTensor();                          // Tensor [60000, 28, 28], values 0..255
/// </code></example>
public sealed class IdxArray
{
    private readonly byte[]? _bytes;
    private readonly float[]? _floats;

    internal IdxArray(string source, IdxElementType elementType, int[] dimensions, byte[] bytes)
        : this(source, elementType, dimensions) => _bytes = bytes;

    internal IdxArray(string source, IdxElementType elementType, int[] dimensions, float[] floats)
        : this(source, elementType, dimensions) => _floats = floats;

    private IdxArray(string source, IdxElementType elementType, int[] dimensions)
    {
        Source = source;
        ElementType = elementType;
        Dimensions = dimensions;
    }

    /// <summary>Where the data came from (a file path or the name given to <see cref="Idx.Read(Stream, string)"/>).</summary>
    public string Source { get; }

    /// <summary>The element type declared in the magic number.</summary>
    public IdxElementType ElementType { get; }

    /// <summary>The dimensions, outermost first (do not modify), e.g. <c>[60000, 28, 28]</c>.</summary>
    public int[] Dimensions { get; }

    /// <summary>Number of values (the product of <see cref="Dimensions"/>).</summary>
    public int Length => _bytes?.Length ?? _floats!.Length;

    /// <summary>
    /// The values of an unsigned-byte file, row-major (shared, not copied: do not modify).
    /// Throws <see cref="InvalidOperationException"/> for any other element type; use <see cref="ToFloats"/>.
    /// </summary>
    public byte[] Bytes => _bytes ?? throw new InvalidOperationException(
        $"IDX '{Source}' holds {ElementType} (0x{(byte)ElementType:X2}) values, not unsigned bytes; use ToFloats() or ToTensor().");

    /// <summary>The values as a new float array, row-major, unscaled (a byte 255 becomes 255f).</summary>
    public float[] ToFloats()
    {
        if (_floats is not null) return (float[])_floats.Clone();
        var result = new float[_bytes!.Length];
        System.Numerics.Tensors.TensorPrimitives.ConvertTruncating<byte, float>(_bytes, result);
        return result;
    }

    /// <summary>The values as a new tensor whose shape is <see cref="Dimensions"/>, unscaled.</summary>
    public Tensor ToTensor() => new(ToFloats(), Dimensions);

    /// <inheritdoc/>
    public override string ToString() => $"IDX {ElementType} [{string.Join(", ", Dimensions)}] from {Source}";
}
