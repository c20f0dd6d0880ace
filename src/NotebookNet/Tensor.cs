namespace NotebookNet;

/// <summary>
/// A dense float32 array with a shape, stored row-major (the last dimension varies fastest).
/// Batches of images are NHWC: <c>[batch, height, width, channels]</c>, as Keras's channels_last.
/// </summary>
/// <example><code>
/// var t = new Tensor(2, 3);   // zeros, shape [2, 3]
/// t[1, 2] = 5f;
/// var flat = t.Reshape(6);
/// </code></example>
public sealed class Tensor
{
    /// <summary>Creates a tensor of zeros with the given shape.</summary>
    public Tensor(params int[] shape) : this(NewData(shape), shape) { }

    /// <summary>Wraps <paramref name="data"/> (not copied) with the given shape; sizes must agree.</summary>
    public Tensor(float[] data, params int[] shape)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(shape);
        long size = SizeOf(shape);
        if (size != data.Length)
            throw new ArgumentException($"Tensor data has {data.Length} values but shape {NotebookNet.Shape.Format(shape)} needs {size}.", nameof(data));
        Data = data;
        Shape = (int[])shape.Clone();
    }

    /// <summary>The values, row-major. Mutable: layers write into it.</summary>
    public float[] Data { get; }

    /// <summary>The dimensions (do not modify).</summary>
    public int[] Shape { get; }

    /// <summary>Number of dimensions.</summary>
    public int Rank => Shape.Length;

    /// <summary>Number of values.</summary>
    public int Length => Data.Length;

    /// <summary>The values as a span.</summary>
    public Span<float> Span => Data;

    /// <summary>The shape without its first (batch) dimension.</summary>
    public Shape SampleShape => new(Shape[1..]);

    /// <summary>Reads or writes one value by its indices (one per dimension).</summary>
    public float this[params int[] index]
    {
        get => Data[Offset(index)];
        set => Data[Offset(index)] = value;
    }

    /// <summary>A tensor of the given shape with every value set to <paramref name="value"/>.</summary>
    public static Tensor Full(float value, params int[] shape)
    {
        var t = new Tensor(shape);
        Array.Fill(t.Data, value);
        return t;
    }

    /// <summary>A tensor from nested rows, e.g. <c>Tensor.FromRows([[0, 0], [0, 1]])</c> has shape [2, 2].</summary>
    public static Tensor FromRows(float[][] rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Length == 0) throw new ArgumentException("Tensor.FromRows needs at least one row.", nameof(rows));
        int cols = rows[0].Length;
        var t = new Tensor(rows.Length, cols);
        for (int r = 0; r < rows.Length; r++)
        {
            if (rows[r].Length != cols)
                throw new ArgumentException($"Tensor.FromRows: row {r} has {rows[r].Length} values, row 0 has {cols}.", nameof(rows));
            rows[r].CopyTo(t.Data, r * cols);
        }
        return t;
    }

    /// <summary>The same values with another shape (shares the data array).</summary>
    public Tensor Reshape(params int[] shape) => new(Data, shape);

    /// <summary>A deep copy.</summary>
    public Tensor Clone() => new((float[])Data.Clone(), Shape);

    /// <summary>Copies samples <c>[start, start + count)</c> along the first dimension into a new tensor.</summary>
    public Tensor Slice(int start, int count)
    {
        if (Rank == 0) throw new InvalidOperationException("Cannot slice a tensor of rank 0.");
        if (start < 0 || count < 0 || start + count > Shape[0])
            throw new ArgumentOutOfRangeException(nameof(start), $"Slice [{start}, {start + count}) is outside the first dimension of size {Shape[0]}.");
        int per = Length / Math.Max(1, Shape[0]);
        var shape = (int[])Shape.Clone();
        shape[0] = count;
        var t = new Tensor(shape);
        Array.Copy(Data, start * per, t.Data, 0, count * per);
        return t;
    }

    /// <summary>Copies the samples at <paramref name="indices"/> (along the first dimension) into a new tensor.</summary>
    public Tensor Gather(ReadOnlySpan<int> indices)
    {
        int per = Length / Math.Max(1, Shape[0]);
        var shape = (int[])Shape.Clone();
        shape[0] = indices.Length;
        var t = new Tensor(shape);
        for (int i = 0; i < indices.Length; i++)
        {
            int src = indices[i];
            if ((uint)src >= (uint)Shape[0])
                throw new ArgumentOutOfRangeException(nameof(indices), $"Index {src} is outside the first dimension of size {Shape[0]}.");
            Array.Copy(Data, src * per, t.Data, i * per, per);
        }
        return t;
    }

    /// <summary>
    /// The batches one after another along the first dimension, e.g. ten <c>[1, 28, 28, 1]</c> images into one
    /// <c>[10, 28, 28, 1]</c> batch. Every batch must have the same sample shape.
    /// </summary>
    /// <exception cref="ArgumentException">No batches, or a batch whose sample shape differs (the message names it).</exception>
    public static Tensor Concat(IEnumerable<Tensor> batches)
    {
        ArgumentNullException.ThrowIfNull(batches);
        var list = batches.ToList();
        if (list.Count == 0 || list[0].Rank == 0) throw new ArgumentException("Tensor.Concat needs at least one batch of rank ≥ 1.", nameof(batches));
        var first = list[0];
        for (int i = 1; i < list.Count; i++)
            if (list[i].Rank != first.Rank || !list[i].Shape.AsSpan(1).SequenceEqual(first.Shape.AsSpan(1)))
                throw new ArgumentException($"Tensor.Concat: batch {i} is {list[i].ShapeString} but batch 0 is {first.ShapeString}; " +
                    "only the first dimension may differ.", nameof(batches));
        var shape = (int[])first.Shape.Clone();
        shape[0] = list.Sum(t => t.Shape[0]);
        var result = new Tensor(shape);
        int offset = 0;
        foreach (var t in list)
        {
            Array.Copy(t.Data, 0, result.Data, offset, t.Length);
            offset += t.Length;
        }
        return result;
    }

    /// <summary>Index of the largest value in each row of a [rows, cols] tensor.</summary>
    public int[] ArgMaxRows()
    {
        int rows = Shape[0], cols = Length / Math.Max(1, rows);
        var result = new int[rows];
        for (int r = 0; r < rows; r++)
            result[r] = System.Numerics.Tensors.TensorPrimitives.IndexOfMax(Data.AsSpan(r * cols, cols));
        return result;
    }

    /// <summary>Shape as text, e.g. <c>[32, 28, 28, 1]</c>.</summary>
    public string ShapeString => "[" + string.Join(", ", Shape) + "]";

    /// <inheritdoc/>
    public override string ToString() => $"Tensor {ShapeString}";

    private int Offset(int[] index)
    {
        if (index.Length != Shape.Length)
            throw new ArgumentException($"Tensor of shape {ShapeString} needs {Shape.Length} indices; received {index.Length}.");
        int offset = 0;
        for (int i = 0; i < index.Length; i++)
        {
            if ((uint)index[i] >= (uint)Shape[i])
                throw new IndexOutOfRangeException($"Index {index[i]} is outside dimension {i} of size {Shape[i]} (shape {ShapeString}).");
            offset = offset * Shape[i] + index[i];
        }
        return offset;
    }

    internal static long SizeOf(int[] shape)
    {
        long size = 1;
        foreach (int d in shape)
        {
            if (d < 0) throw new ArgumentException($"Tensor dimensions must not be negative; received {NotebookNet.Shape.Format(shape)}.");
            size *= d;
        }
        return size;
    }

    private static float[] NewData(int[] shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        long size = SizeOf(shape);
        if (size > Array.MaxLength) throw new ArgumentException($"Tensor of shape {NotebookNet.Shape.Format(shape)} is too large.");
        return new float[size];
    }
}
