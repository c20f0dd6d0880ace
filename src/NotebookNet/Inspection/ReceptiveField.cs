using NotebookNet.Layers;

namespace NotebookNet.Inspection;

/// <summary>
/// The patch of the input that one unit of a feature map sees: its <see cref="Height"/> × <see cref="Width"/> pixels
/// starting at (<see cref="Top"/>, <see cref="Left"/>), for the unit at the centre of the map. Each window widens the
/// field by k − 1 steps of the layer below, and every stride or pooling makes those steps larger:
/// size_l = size_{l−1} + (k_l − 1)·jump_{l−1}, jump_l = jump_{l−1}·s_l, and output i starts at input
/// start_l + i·jump_l with start_l = start_{l−1} − padBefore_l·jump_{l−1}.
/// </summary>
/// <param name="Height">Input rows the unit sees.</param>
/// <param name="Width">Input columns the unit sees.</param>
/// <param name="Top">First input row of the centre unit's field (negative where it starts in the zero padding).</param>
/// <param name="Left">First input column of the centre unit's field.</param>
/// <example><code>
/// var field = ReceptiveField.Of(model, 2);   // e.g. 10×10 pixels for 5×5 conv → 2×2 pool → 3×3 conv
/// var patch = field.Crop(image, margin: 2);
/// </code></example>
public sealed record ReceptiveField(int Height, int Width, int Top, int Left)
{
    /// <summary>The receptive field of the centre unit of layer <paramref name="layerIndex"/>'s feature maps.</summary>
    /// <exception cref="ArgumentException">The layer does not output feature maps <c>(height, width, channels)</c>.</exception>
    public static ReceptiveField Of(Sequential model, int layerIndex)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (layerIndex < 0 || layerIndex >= model.Layers.Count)
            throw new ArgumentOutOfRangeException(nameof(layerIndex), layerIndex,
                $"Sequential '{model.Name}' has layers 0..{model.Layers.Count - 1}; received layerIndex={layerIndex}.");
        var target = model.Layers[layerIndex];
        if (!target.IsBuilt || target.OutputShape.Rank != 3)
            throw new ArgumentException($"ReceptiveField.Of: layer {layerIndex} '{target.Name}' ({target.TypeName}) " +
                (target.IsBuilt ? $"outputs {target.OutputShape.ToBatchString()}, not feature maps (None, height, width, channels)."
                                : "is not built yet: call Compile or Summary first."), nameof(layerIndex));
        var (rows, columns) = (Axis.Start, Axis.Start);
        foreach (var layer in model.Layers.Take(layerIndex + 1))
        {
            if (layer.SlidingWindow is { } w)
            {
                rows = rows.Then(w.KH, w.StrideH, w.PadTop);
                columns = columns.Then(w.KW, w.StrideW, w.PadLeft);
            }
            else if (layer.InputShape.Rank == 3 && (layer.InputShape[0] != layer.OutputShape[0] || layer.InputShape[1] != layer.OutputShape[1]))
                throw new NotSupportedException($"ReceptiveField.Of: layer '{layer.Name}' ({layer.TypeName}) changes the map size " +
                    "without a window this function knows.");
        }
        var shape = target.OutputShape;
        return new(rows.Size, columns.Size, rows.StartOf(shape[0] / 2), columns.StartOf(shape[1] / 2));
    }

    /// <summary>
    /// The field cut out of <paramref name="image"/> (<c>[H, W, 1]</c> or <c>[1, H, W, 1]</c>) with
    /// <paramref name="margin"/> pixels around it, as <c>[Height + 2·margin, Width + 2·margin, 1]</c>; rows and columns
    /// beyond the image repeat its edge.
    /// </summary>
    public Tensor Crop(Tensor image, int margin = 0)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentOutOfRangeException.ThrowIfNegative(margin);
        var dims = image.Shape.Where(d => d != 1).ToArray();
        if (dims.Length != 2)
            throw new ArgumentException($"ReceptiveField.Crop needs one grayscale image [H, W, 1] or [1, H, W, 1]; received {image.ShapeString}.", nameof(image));
        var (h, w) = (dims[0], dims[1]);
        int rows = Height + 2 * margin, columns = Width + 2 * margin;
        int top = Math.Max(Top - margin, 0), left = Math.Max(Left - margin, 0);
        var crop = new Tensor(rows, columns, 1);
        for (int y = 0; y < rows; y++)
            for (int x = 0; x < columns; x++)
                crop.Data[y * columns + x] = image.Data[Math.Min(top + y, h - 1) * w + Math.Min(left + x, w - 1)];
        return crop;
    }

    // One axis of the recurrence: the field's size, the input distance between neighbouring units, unit 0's start.
    private readonly record struct Axis(int Size, int Jump, int First)
    {
        public static Axis Start => new(1, 1, 0);

        public Axis Then(int kernel, int stride, int padBefore) =>
            new(Size + (kernel - 1) * Jump, Jump * stride, First - padBefore * Jump);

        public int StartOf(int unit) => First + unit * Jump;
    }
}
