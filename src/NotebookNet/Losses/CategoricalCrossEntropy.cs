namespace NotebookNet.Losses;

/// <summary>
/// L = −(1/N) Σₙ Σₖ yₙₖ log pₙₖ on probabilities p (clipped to [ε, 1 − ε]) and one-hot targets y;
/// ∂L/∂pₖ = −yₖ/(N pₖ).
/// When the model ends in a softmax, <see cref="Sequential"/> fuses the two: the gradient with respect to the
/// softmax's input (the logits z) is simply ∂L/∂zₖ = (pₖ − yₖ)/N, which never divides by a tiny p.
/// </summary>
public sealed class CategoricalCrossEntropy : Loss
{
    /// <inheritdoc/>
    public override string Name => "categorical_crossentropy";

    internal override bool FusesWithSoftmax => true;

    /// <inheritdoc/>
    public override double Compute(Tensor predictions, Tensor targets, Tensor? gradient) =>
        Compute(predictions, targets, gradient, fused: false);

    internal override double ComputeFromSoftmax(Tensor probabilities, Tensor targets, Tensor? logitGradient) =>
        Compute(probabilities, targets, logitGradient, fused: true);

    private static double Compute(Tensor predictions, Tensor targets, Tensor? gradient, bool fused)
    {
        int n = predictions.Shape[0];
        var p = predictions.Data;
        var y = targets.Data;
        double sum = 0;
        for (int i = 0; i < p.Length; i++)
        {
            float pc = Math.Clamp(p[i], Epsilon, 1 - Epsilon);
            if (y[i] != 0) sum -= y[i] * Math.Log(pc);
            if (gradient is not null)
                gradient.Data[i] = fused ? (p[i] - y[i]) / n : (pc == p[i] ? -y[i] / pc / n : 0f);
        }
        return sum / n;
    }
}
