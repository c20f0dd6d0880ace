using NotebookNet.Compute;

namespace NotebookNet.Layers;

/// <summary>
/// What <see cref="MaxPooling2D"/> and <see cref="AveragePooling2D"/> share (Keras's <c>BasePooling</c>): a window of
/// <see cref="PoolSize"/> that slides with <see cref="Strides"/> over each channel of an image <c>[N, H, W, C]</c>, giving
/// <c>[N, outH, outW, C]</c> with out = ⌊(n − k)/s⌋ + 1 for <see cref="Padding.Valid"/> or ⌈n/s⌉ for
/// <see cref="Padding.Same"/> (the rule is written once, in <c>ConvMath.OutputSize</c>). No weights; strides default
/// to the pool size (windows side by side).
/// </summary>
public abstract class Pooling2D : Layer
{
    private ConvGeometry _geometry;

    private protected Pooling2D(string owner, (int Height, int Width) poolSize, (int Height, int Width)? strides, Padding padding,
        string? name)
        : base(name)
    {
        PoolSize = Require.PositivePair(owner, nameof(poolSize), poolSize);
        Strides = Require.PositivePair(owner, nameof(strides), strides ?? poolSize);
        Padding = Require.KnownPadding(owner, padding);
    }

    /// <summary>Window (height, width).</summary>
    public (int Height, int Width) PoolSize { get; }

    /// <summary>Step between windows (vertical, horizontal).</summary>
    public (int Height, int Width) Strides { get; }

    /// <summary>Border handling.</summary>
    public Padding Padding { get; }

    /// <inheritdoc/>
    public override Shape ComputeOutputShape(Shape inputShape) =>
        WindowOutputShape(inputShape, PoolSize, Strides, Padding, channels: null, "pool");

    /// <inheritdoc/>
    protected override void CreateWeights(Shape inputShape, Random random) =>
        _geometry = ConvMath.Geometry(inputShape, PoolSize, Strides, Padding, inputShape[2]);

    /// <summary>The sizes the loops walk for a batch of <paramref name="batch"/> images (after Build); <c>Filters</c>
    /// is the channel count.</summary>
    internal ConvGeometry Geometry(int batch) => _geometry with { Batch = batch };

    internal override ConvGeometry? SlidingWindow => Geometry(1);

    /// <summary>(value, value) for a square argument, checked for the layer type <paramref name="owner"/>.</summary>
    private protected static (int, int) Square(string owner, string argument, int value) =>
        (Require.Positive(owner, argument, value), value);
}
