namespace NotebookNet.Layers;

/// <summary>
/// Rectified linear unit, element-wise: <c>relu(x) = max(0, x)</c>. Any input shape; output has the same shape.
/// Keras's <c>ReLU</c> layer, also what <c>activation: "relu"</c> adds inside Dense and Conv2D (whose fast routines
/// apply it in the same pass as the bias).
/// </summary>
/// <example><code>model.Add(new ReLU());</code></example>
public sealed class ReLU : ElementwiseActivation
{
    /// <summary>Creates the layer; <paramref name="name"/> defaults to one given by the model.</summary>
    public ReLU(string? name = null) : base(name) => Op = new ReluOp(this);   // its fast twin: Layers/Ops/ActivationOp.cs

    /// <summary>y = x where x &gt; 0, else 0.</summary>
    protected override float Function(float x) => x > 0f ? x : 0f;

    /// <summary>
    /// d relu/dx is 1 where x &gt; 0 and 0 elsewhere (0 at the kink, as Keras). y &gt; 0 exactly when x &gt; 0,
    /// so the output is all Backward needs. A unit that never fires gets no gradient: the "dead ReLU".
    /// </summary>
    protected override float Derivative(float y) => y > 0f ? 1f : 0f;
}
