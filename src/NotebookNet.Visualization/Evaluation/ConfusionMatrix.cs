namespace NotebookNet.Visualization;

/// <summary>
/// Counts of (true class, predicted class) pairs: row = the true label, column = what the model said. The
/// diagonal holds the correct answers. Data only; <see cref="ConfusionMatrixRenderer"/> draws it.
/// </summary>
/// <example><code>
/// var cm = new ConfusionMatrix(test.Labels, model.PredictClasses(test.Images), ConfusionMatrix.Digits);
/// int fourAsNine = cm[4, 9];
/// </code></example>
public sealed class ConfusionMatrix
{
    private readonly int[,] _counts;

    /// <summary>Counts the pairs. Every label must be a valid index into <paramref name="classes"/>.</summary>
    /// <exception cref="ArgumentException">Lengths differ, there are no classes, or a label is out of range (the message names it).</exception>
    public ConfusionMatrix(IReadOnlyList<int> trueLabels, IReadOnlyList<int> predicted, IReadOnlyList<string> classes)
    {
        ArgumentNullException.ThrowIfNull(trueLabels);
        ArgumentNullException.ThrowIfNull(predicted);
        ArgumentNullException.ThrowIfNull(classes);
        if (trueLabels.Count != predicted.Count)
            throw new ArgumentException($"A confusion matrix needs one prediction per true label; received {trueLabels.Count} true labels and {predicted.Count} predictions.", nameof(predicted));
        if (classes.Count == 0)
            throw new ArgumentException("A confusion matrix needs at least one class name; received none.", nameof(classes));
        Classes = classes.ToArray();
        _counts = new int[classes.Count, classes.Count];
        for (int i = 0; i < trueLabels.Count; i++)
        {
            int t = trueLabels[i], p = predicted[i];
            if ((uint)t >= (uint)classes.Count)
                throw new ArgumentException($"True label {t} at index {i} is not a class index (0..{classes.Count - 1}).", nameof(trueLabels));
            if ((uint)p >= (uint)classes.Count)
                throw new ArgumentException($"Predicted label {p} at index {i} is not a class index (0..{classes.Count - 1}).", nameof(predicted));
            _counts[t, p]++;
        }
        Total = trueLabels.Count;
    }

    /// <summary>Counts with classes named "0" … "n−1".</summary>
    public ConfusionMatrix(IReadOnlyList<int> trueLabels, IReadOnlyList<int> predicted, int classCount)
        : this(trueLabels, predicted, Enumerable.Range(0, Math.Max(classCount, 0)).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray()) { }

    /// <summary>The MNIST class names "0" … "9".</summary>
    public static IReadOnlyList<string> Digits { get; } = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"];

    /// <summary>Class names, in index order.</summary>
    public IReadOnlyList<string> Classes { get; }

    /// <summary>How many samples of class <paramref name="trueClass"/> were predicted as <paramref name="predictedClass"/>.</summary>
    public int this[int trueClass, int predictedClass] => _counts[trueClass, predictedClass];

    /// <summary>Number of samples.</summary>
    public int Total { get; }

    /// <summary>Samples on the diagonal.</summary>
    public int Correct => Enumerable.Range(0, Classes.Count).Sum(c => _counts[c, c]);

    /// <summary>Correct / Total (0 when there are no samples).</summary>
    public double Accuracy => Total == 0 ? 0 : (double)Correct / Total;

    /// <summary>Samples whose true class is <paramref name="c"/> (row sum).</summary>
    public int TrueCount(int c) => Enumerable.Range(0, Classes.Count).Sum(p => _counts[c, p]);

    /// <summary>Samples predicted as <paramref name="c"/> (column sum).</summary>
    public int PredictedCount(int c) => Enumerable.Range(0, Classes.Count).Sum(t => _counts[t, c]);

    /// <summary>Recall of class c: of the true c's, the fraction found (NaN if there are none).</summary>
    public double Recall(int c) => TrueCount(c) is var n && n > 0 ? (double)_counts[c, c] / n : double.NaN;

    /// <summary>Precision of class c: of the predicted c's, the fraction right (NaN if none was predicted).</summary>
    public double Precision(int c) => PredictedCount(c) is var n && n > 0 ? (double)_counts[c, c] / n : double.NaN;

    /// <summary>The most frequent mistakes, largest first: (true, predicted, count) with count &gt; 0.</summary>
    public IReadOnlyList<(int True, int Predicted, int Count)> TopConfusions(int count = 5)
    {
        var list = new List<(int, int, int)>();
        for (int t = 0; t < Classes.Count; t++)
            for (int p = 0; p < Classes.Count; p++)
                if (t != p && _counts[t, p] > 0) list.Add((t, p, _counts[t, p]));
        return list.OrderByDescending(x => x.Item3).ThenBy(x => x.Item1).ThenBy(x => x.Item2).Take(count).ToList();
    }
}
