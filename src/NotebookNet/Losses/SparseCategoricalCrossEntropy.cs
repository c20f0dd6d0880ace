namespace NotebookNet.Losses;

/// <summary>
/// Categorical cross-entropy with integer targets: L = −(1/N) Σₙ log pₙ,ₜₙ where tₙ is sample n's class
/// (targets <c>[N]</c> or <c>[N, 1]</c> holding 0 … K−1). Fused with a final softmax like
/// <see cref="CategoricalCrossEntropy"/>: ∂L/∂zₖ = (pₖ − [k = t])/N.
/// </summary>
public sealed class SparseCategoricalCrossEntropy : Loss
{
    /// <inheritdoc/>
    public override string Name => "sparse_categorical_crossentropy";

    internal override bool FusesWithSoftmax => true;

    /// <inheritdoc/>
    public override void CheckTargets(Shape outputShape, Tensor targets, string argumentName)
    {
        bool ok = outputShape.Rank == 1 && (targets.Rank == 1 || (targets.Rank == 2 && targets.Shape[1] == 1));
        if (!ok)
            throw new ArgumentException(
                $"{Name}: {argumentName} must hold one class index per sample, shape [N] or [N, 1]; received {targets.ShapeString} for a model output {outputShape.ToBatchString()}.", argumentName);
        int classes = outputShape[0];
        for (int i = 0; i < targets.Length; i++)
        {
            float t = targets.Data[i];
            if (t < 0 || t >= classes || t != MathF.Floor(t))
                throw new ArgumentException($"{Name}: {argumentName}[{i}] = {t} is not a class index in 0..{classes - 1}.", argumentName);
        }
    }

    /// <inheritdoc/>
    public override double Compute(Tensor predictions, Tensor targets, Tensor? gradient) =>
        Compute(predictions, targets, gradient, fused: false);

    internal override double ComputeFromSoftmax(Tensor probabilities, Tensor targets, Tensor? logitGradient) =>
        Compute(probabilities, targets, logitGradient, fused: true);

    private static double Compute(Tensor predictions, Tensor targets, Tensor? gradient, bool fused)
    {
        int n = predictions.Shape[0];
        int k = predictions.Length / Math.Max(1, n);
        var p = predictions.Data;
        double sum = 0;
        gradient?.Span.Clear();
        for (int s = 0; s < n; s++)
        {
            int t = (int)targets.Data[s];
            int row = s * k;
            float pt = Math.Clamp(p[row + t], Epsilon, 1 - Epsilon);
            sum -= Math.Log(pt);
            if (gradient is null) continue;
            if (fused)
            {
                for (int j = 0; j < k; j++) gradient.Data[row + j] = p[row + j] / n;
                gradient.Data[row + t] -= 1f / n;
            }
            else if (pt == p[row + t])
            {
                gradient.Data[row + t] = -1f / pt / n;
            }
        }
        return sum / n;
    }
}
