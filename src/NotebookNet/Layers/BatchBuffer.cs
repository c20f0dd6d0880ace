namespace NotebookNet.Layers;

/// <summary>
/// A tensor <c>[batch, ...sample]</c> that a layer overwrites on every call instead of allocating a new one.
/// Fit's batches all have one size except a smaller last batch, so it keeps the two most recent batch sizes:
/// after the first epoch a layer allocates nothing. The price: a layer's output (or input gradient) is only
/// valid until its next call with the same batch size, so whoever keeps one must copy it
/// (<see cref="Sequential.Activations(Tensor)"/> and <see cref="Sequential.Predict"/> do).
/// </summary>
internal sealed class BatchBuffer
{
    private Tensor? _recent;
    private Tensor? _older;

    /// <summary>A tensor of shape <c>[batch, ...sample]</c>; its values are whatever the last call left there.</summary>
    public Tensor Get(int batch, Shape sample)
    {
        if (Fits(_recent, batch, sample)) return _recent!;
        if (Fits(_older, batch, sample))
        {
            (_recent, _older) = (_older, _recent);
            return _recent!;
        }
        _older = _recent;
        _recent = new Tensor(sample.WithBatch(batch));
        return _recent;
    }

    /// <summary>A tensor shaped like <paramref name="like"/> (same dimensions, its own data).</summary>
    public Tensor GetLike(Tensor like)
    {
        if (SameShape(_recent, like)) return _recent!;
        if (SameShape(_older, like))
        {
            (_recent, _older) = (_older, _recent);
            return _recent!;
        }
        _older = _recent;
        _recent = new Tensor((int[])like.Shape.Clone());
        return _recent;
    }

    private static bool Fits(Tensor? t, int batch, Shape sample)
    {
        if (t is null || t.Rank != sample.Rank + 1 || t.Shape[0] != batch) return false;
        for (int i = 0; i < sample.Rank; i++)
            if (t.Shape[i + 1] != sample[i]) return false;
        return true;
    }

    private static bool SameShape(Tensor? t, Tensor like) => t is not null && t.Shape.AsSpan().SequenceEqual(like.Shape);
}

/// <summary>A float array that grows on demand and is otherwise reused (scratch space such as im2col columns).</summary>
internal struct Scratch
{
    private float[]? _data;

    /// <summary>At least <paramref name="length"/> floats (the first <paramref name="length"/> are the ones to use).</summary>
    public float[] Get(int length)
    {
        if (_data is null || _data.Length < length) _data = GC.AllocateUninitializedArray<float>(length);
        return _data;
    }
}
