using NotebookNet.Compute;
using NotebookNet.Initializers;

namespace NotebookNet.Layers;

/// <summary>
/// What <see cref="Conv2D"/> and <see cref="LocallyConnected2D"/> share (Keras's <c>BaseConv</c>): filters of
/// <see cref="KernelSize"/> that slide with <see cref="Strides"/> over an image <c>[N, H, W, C]</c>, giving
/// <c>[N, outH, outW, filters]</c> with out = ⌊(n − k)/s⌋ + 1 for <see cref="Padding.Valid"/> or ⌈n/s⌉ for
/// <see cref="Padding.Same"/> (the rule is written once, in <c>ConvMath.OutputSize</c>).
/// </summary>
public abstract class SlidingWindowLayer : WeightedLayer
{
    private protected SlidingWindowLayer(string owner, int filters, (int Height, int Width) kernelSize,
        (int Height, int Width)? strides, Padding padding, string? activation, bool useBias, Initializer? kernelInitializer,
        string? name)
        : base(name, useBias, kernelInitializer)
    {
        Filters = Require.Positive(owner, nameof(filters), filters);
        KernelSize = Require.PositivePair(owner, nameof(kernelSize), kernelSize);
        Strides = Require.PositivePair(owner, nameof(strides), strides ?? (1, 1));
        Padding = Require.KnownPadding(owner, padding);
        Activation = ActivationFor(owner, activation);
    }

    /// <summary>Number of filters (output channels).</summary>
    public int Filters { get; }

    /// <summary>Filter (height, width).</summary>
    public (int Height, int Width) KernelSize { get; }

    /// <summary>Step between windows (vertical, horizontal).</summary>
    public (int Height, int Width) Strides { get; }

    /// <summary>Border handling.</summary>
    public Padding Padding { get; }

    /// <inheritdoc/>
    public override Shape ComputeOutputShape(Shape inputShape) =>
        WindowOutputShape(inputShape, KernelSize, Strides, Padding, Filters, "kernel");

    /// <summary>The sizes the loops walk, for a batch of <paramref name="batch"/> images (after Build).</summary>
    internal ConvGeometry Geometry(int batch) =>
        ConvMath.Geometry(InputShape, KernelSize, Strides, Padding, Filters) with { Batch = batch };

    internal override ConvGeometry? SlidingWindow => Geometry(1);

    /// <summary>(value, value) for a square argument, checked for the layer type <paramref name="owner"/>.</summary>
    private protected static (int, int) Square(string owner, string argument, int value) =>
        (Require.Positive(owner, argument, value), value);
}
