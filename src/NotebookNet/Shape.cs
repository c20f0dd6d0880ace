namespace NotebookNet;

/// <summary>
/// The shape of one sample (without the batch dimension), e.g. <c>(28, 28, 1)</c> for an MNIST image in
/// NHWC order (height, width, channels) or <c>(128)</c> for a dense layer's output.
/// </summary>
/// <example><code>var s = new Shape(28, 28, 1); // s.Size == 784</code></example>
public sealed class Shape : IEquatable<Shape>
{
    private readonly int[] _dims;

    /// <summary>Creates a shape from its dimensions; every dimension must be at least 1.</summary>
    public Shape(params int[] dims)
    {
        ArgumentNullException.ThrowIfNull(dims);
        for (int i = 0; i < dims.Length; i++)
        {
            if (dims[i] < 1)
                throw new ArgumentException($"Shape dimensions must be at least 1; received {Format(dims)} (dimension {i} is {dims[i]}).", nameof(dims));
        }
        _dims = (int[])dims.Clone();
    }

    /// <summary>The dimensions, outermost first.</summary>
    public IReadOnlyList<int> Dims => _dims;

    /// <summary>Number of dimensions.</summary>
    public int Rank => _dims.Length;

    /// <summary>Dimension <paramref name="i"/>.</summary>
    public int this[int i] => _dims[i];

    /// <summary>Number of elements in one sample of this shape.</summary>
    public int Size
    {
        get
        {
            int n = 1;
            foreach (int d in _dims) n = checked(n * d);
            return n;
        }
    }

    /// <summary>The dimensions as a new array.</summary>
    public int[] ToArray() => (int[])_dims.Clone();

    /// <summary>This shape with a batch dimension in front: <c>[batch, ...dims]</c>.</summary>
    public int[] WithBatch(int batch) => [batch, .. _dims];

    /// <inheritdoc/>
    public bool Equals(Shape? other) => other is not null && _dims.AsSpan().SequenceEqual(other._dims);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as Shape);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var h = new HashCode();
        foreach (int d in _dims) h.Add(d);
        return h.ToHashCode();
    }

    /// <summary>Keras style: <c>(28, 28, 1)</c>.</summary>
    public override string ToString() => Format(_dims);

    /// <summary>Keras style with the batch dimension shown as None: <c>(None, 28, 28, 1)</c>.</summary>
    public string ToBatchString() => "(None, " + string.Join(", ", _dims) + ")";

    internal static string Format(IReadOnlyList<int> dims) =>
        dims.Count == 1 ? $"({dims[0]},)" : "(" + string.Join(", ", dims) + ")";
}
