namespace NotebookNet.Data;

/// <summary>Turns class labels into the targets a classifier trains on.</summary>
public static class Labels
{
    /// <summary>
    /// One-hot encoding (Keras <c>to_categorical</c>): row <c>i</c> is all zeros except a 1 in column
    /// <c>labels[i]</c>. Returns a tensor of shape <c>[labels.Length, classes]</c>.
    /// </summary>
    /// <example><code>
    /// Tensor y = Labels.OneHot([5, 0, 4], classes: 10);   // [3, 10]; y[0, 5] == 1
    /// </code></example>
    /// <exception cref="ArgumentOutOfRangeException">
    /// <paramref name="classes"/> is below 1, or a label is outside <c>0..classes−1</c> (the message names its index and value).
    /// </exception>
    public static Tensor OneHot(int[] labels, int classes)
    {
        ArgumentNullException.ThrowIfNull(labels);
        if (classes < 1)
            throw new ArgumentOutOfRangeException(nameof(classes), classes, $"One-hot encoding needs at least 1 class; received classes = {classes}.");
        var result = new Tensor(labels.Length, classes);
        for (int i = 0; i < labels.Length; i++)
        {
            int label = labels[i];
            if ((uint)label >= (uint)classes)
                throw new ArgumentOutOfRangeException(nameof(labels), label, $"labels[{i}] = {label} is outside 0..{classes - 1} (classes = {classes}).");
            result.Data[i * classes + label] = 1f;
        }
        return result;
    }
}
