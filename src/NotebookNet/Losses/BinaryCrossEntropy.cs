namespace NotebookNet.Losses;

/// <summary>
/// L = −(1/(N·D)) Σ [y log p + (1 − y) log(1 − p)] with p clipped to [ε, 1 − ε];
/// ∂L/∂p = (p − y) / (p (1 − p)) / (N·D) inside the clip range, 0 outside (as the clip's derivative is 0).
/// </summary>
public sealed class BinaryCrossEntropy : Loss
{
    /// <inheritdoc/>
    public override string Name => "binary_crossentropy";

    /// <inheritdoc/>
    public override double Compute(Tensor predictions, Tensor targets, Tensor? gradient)
    {
        var p = predictions.Data;
        var y = targets.Data;
        double sum = 0;
        float n = p.Length;
        for (int i = 0; i < p.Length; i++)
        {
            float pc = Math.Clamp(p[i], Epsilon, 1 - Epsilon);
            sum -= y[i] * Math.Log(pc) + (1 - y[i]) * Math.Log(1 - pc);
            if (gradient is not null)
                gradient.Data[i] = pc == p[i] ? (pc - y[i]) / (pc * (1 - pc)) / n : 0f;
        }
        return sum / n;
    }
}
