namespace NotebookNet.Losses;

/// <summary>
/// A loss compares a batch of predictions <c>[N, ...]</c> with targets and gives the mean loss over the batch
/// and its gradient dLoss/dPredictions (already divided by N, so one optimizer step follows the batch mean).
/// </summary>
/// <example><code>model.Compile(new Adam(), Loss.CategoricalCrossEntropy, Metric.Accuracy);</code></example>
public abstract class Loss
{
    /// <summary>Keras's name of the loss, e.g. "categorical_crossentropy".</summary>
    public abstract string Name { get; }

    /// <summary>Mean squared error, for regression.</summary>
    public static Loss MeanSquaredError => new MeanSquaredError();

    /// <summary>Binary cross-entropy on probabilities (a sigmoid output), targets 0 or 1.</summary>
    public static Loss BinaryCrossEntropy => new BinaryCrossEntropy();

    /// <summary>Categorical cross-entropy on probabilities (a softmax output) with one-hot targets.</summary>
    public static Loss CategoricalCrossEntropy => new CategoricalCrossEntropy();

    /// <summary>Categorical cross-entropy with integer class targets <c>[N]</c> or <c>[N, 1]</c>.</summary>
    public static Loss SparseCategoricalCrossEntropy => new SparseCategoricalCrossEntropy();

    /// <summary>Checks that <paramref name="targets"/> fit predictions of shape <paramref name="outputShape"/>;
    /// throws an <see cref="ArgumentException"/> naming both shapes when they do not.</summary>
    public virtual void CheckTargets(Shape outputShape, Tensor targets, string argumentName)
    {
        bool ok = targets.Rank == outputShape.Rank + 1;
        for (int i = 0; ok && i < outputShape.Rank; i++) ok = targets.Shape[i + 1] == outputShape[i];
        if (!ok)
            throw new ArgumentException(
                $"{Name}: {argumentName} has shape {targets.ShapeString} but the model's output is {outputShape.ToBatchString()}.", argumentName);
    }

    /// <summary>Returns the mean loss over the batch. When <paramref name="gradient"/> is given (same shape as
    /// <paramref name="predictions"/>) it receives dLoss/dPredictions.</summary>
    public abstract double Compute(Tensor predictions, Tensor targets, Tensor? gradient);

    /// <summary>True for losses that can be fused with a final softmax (see <see cref="ComputeFromSoftmax"/>).</summary>
    internal virtual bool FusesWithSoftmax => false;

    /// <summary>Like <see cref="Compute"/> for softmax probabilities, but the gradient is taken with respect to the
    /// softmax's input (the logits). Only for losses where <see cref="FusesWithSoftmax"/> is true.</summary>
    internal virtual double ComputeFromSoftmax(Tensor probabilities, Tensor targets, Tensor? logitGradient) =>
        throw new NotSupportedException($"{Name} cannot be fused with a softmax.");

    /// <inheritdoc/>
    public override string ToString() => Name;

    /// <summary>Keras clips probabilities to [ε, 1 − ε] before taking logarithms, ε = 1e-7.</summary>
    protected const float Epsilon = 1e-7f;
}
