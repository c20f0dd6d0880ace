using System.Globalization;

namespace NotebookNet.Layers;

/// <summary>Argument checks and error messages shared by the layers, worded as Keras words them
/// ("Conv2D: received filters=0; filters must be a positive integer.").</summary>
internal static class Require
{
    public static int Positive(string layerType, string argument, int value)
    {
        if (value < 1)
            throw new ArgumentOutOfRangeException(argument, $"{layerType}: received {argument}={value}; {argument} must be a positive integer.");
        return value;
    }

    public static (int H, int W) PositivePair(string layerType, string argument, (int H, int W) value)
    {
        if (value.H < 1 || value.W < 1)
            throw new ArgumentOutOfRangeException(argument,
                $"{layerType}: received {argument}=({value.H}, {value.W}); both values of {argument} must be positive integers.");
        return value;
    }

    public static Padding KnownPadding(string layerType, Padding padding)
    {
        if (padding is not (Padding.Valid or Padding.Same))
            throw new ArgumentOutOfRangeException(nameof(padding), $"{layerType}: received padding={padding}; use Padding.Valid or Padding.Same.");
        return padding;
    }

    /// <summary>Backward's dLoss/dOutput must have the shape of the last Forward's output. A span, so that a caller's
    /// <c>[n, units]</c> lives on the stack: Backward runs once per batch and allocates nothing.</summary>
    public static void SameShape(Layer layer, Tensor outputGradient, ReadOnlySpan<int> outputShape)
    {
        ArgumentNullException.ThrowIfNull(outputGradient);
        if (!outputGradient.Shape.AsSpan().SequenceEqual(outputShape))
            throw new ArgumentException(
                $"Layer '{layer.Name}' ({layer.TypeName}): Backward received a gradient of shape {outputGradient.ShapeString} " +
                $"but the last Forward produced [{string.Join(", ", outputShape.ToArray())}].", nameof(outputGradient));
    }

    public static InvalidOperationException NotBuilt(Layer layer) =>
        new($"Layer '{layer.Name}' ({layer.TypeName}) has no weights yet: add it to a Sequential model and call Compile (or call Build).");

    /// <summary>1600 → "1,600" whatever the machine's culture (Keras prints counts this way).</summary>
    public static string Count(long n) => n.ToString("N0", CultureInfo.InvariantCulture);
}
