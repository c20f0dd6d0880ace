namespace NotebookNet.Layers;

/// <summary>
/// Softmax over the last axis: <c>p_i = e^(x_i) / Σ_j e^(x_j)</c>, turning scores into probabilities that sum
/// to 1. For a <c>[N, classes]</c> batch each row becomes a distribution. Keras's <c>Softmax</c> layer, also what
/// <c>activation: "softmax"</c> adds inside Dense.
/// </summary>
/// <example><code>model.Add(new Dense(10, activation: "softmax"));</code></example>
public sealed class Softmax : Layer
{
    private readonly BatchBuffer _outputs = new();
    private readonly BatchBuffer _inputGradients = new();
    private Tensor? _output;

    /// <summary>Creates the layer; <paramref name="name"/> defaults to one given by the model.</summary>
    public Softmax(string? name = null) : base(name) { }

    /// <summary>
    /// Set by the model when a categorical cross-entropy loss follows this softmax. The loss then hands Backward
    /// dLoss/dLogits = (p − y)/N directly (stable: no division by a tiny p), so Backward passes it through unchanged.
    /// </summary>
    internal bool FusedWithLoss { get; set; }

    internal override Softmax? OutputSoftmax => this;

    /// <inheritdoc/>
    public override Shape ComputeOutputShape(Shape inputShape) => inputShape;

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input, bool training)
    {
        CheckInput(input);
        var output = _outputs.GetLike(input);
        int classes = input.Shape[^1];
        for (int row = 0; row < input.Length; row += classes)
        {
            var x = input.Data.AsSpan(row, classes);
            var p = output.Data.AsSpan(row, classes);
            // Subtracting the row's max changes nothing mathematically (it cancels in the ratio)
            // but keeps every exponent ≤ 0, so e^x cannot overflow to infinity.
            float max = float.NegativeInfinity;
            foreach (float v in x) max = Math.Max(max, v);
            float sum = 0f;
            for (int i = 0; i < classes; i++) sum += p[i] = MathF.Exp(x[i] - max);
            for (int i = 0; i < classes; i++) p[i] /= sum;
        }
        _output = output;
        return output;
    }

    /// <inheritdoc/>
    public override Tensor Backward(Tensor outputGradient)
    {
        var output = _output ?? throw NoForward();
        Require.SameShape(this, outputGradient, output.Shape);
        if (FusedWithLoss) return outputGradient;

        // Jacobian dp_i/dx_k = p_i·(δ_ik − p_k), so dx_k = Σ_i g_i·p_i·(δ_ik − p_k) = p_k·(g_k − Σ_i g_i·p_i).
        var inputGradient = _inputGradients.GetLike(output);
        int classes = output.Shape[^1];
        for (int row = 0; row < output.Length; row += classes)
        {
            var p = output.Data.AsSpan(row, classes);
            var g = outputGradient.Data.AsSpan(row, classes);
            var dx = inputGradient.Data.AsSpan(row, classes);
            float dot = 0f;
            for (int i = 0; i < classes; i++) dot += g[i] * p[i];
            for (int k = 0; k < classes; k++) dx[k] = p[k] * (g[k] - dot);
        }
        return inputGradient;
    }
}
