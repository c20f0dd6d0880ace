namespace NotebookNet.Losses;

/// <summary>
/// L = (1/N) Σₙ (1/D) Σᵢ (pᵢ − yᵢ)², averaged over the D outputs of a sample as Keras does;
/// ∂L/∂pᵢ = 2 (pᵢ − yᵢ) / (N·D).
/// </summary>
public sealed class MeanSquaredError : Loss
{
    /// <inheritdoc/>
    public override string Name => "mean_squared_error";

    /// <inheritdoc/>
    public override double Compute(Tensor predictions, Tensor targets, Tensor? gradient)
    {
        var p = predictions.Data;
        var y = targets.Data;
        double sum = 0;
        float scale = 2f / p.Length;
        for (int i = 0; i < p.Length; i++)
        {
            float d = p[i] - y[i];
            sum += d * d;
            if (gradient is not null) gradient.Data[i] = scale * d;
        }
        return sum / p.Length;
    }
}
