namespace NotebookNet;

/// <summary>
/// A trainable weight tensor together with its gradient (same shape), as ConvNetJS's params-and-grads.
/// Layers fill <see cref="Gradient"/> in Backward; optimizers read it and update <see cref="Value"/>.
/// </summary>
public sealed class Parameter
{
    /// <summary>Creates a parameter with a zero gradient of the same shape as <paramref name="value"/>.</summary>
    public Parameter(string name, Tensor value)
    {
        Name = name;
        Value = value;
        Gradient = new Tensor(value.Shape);
    }

    /// <summary>Short name within its layer: "kernel" or "bias".</summary>
    public string Name { get; }

    /// <summary>The weights.</summary>
    public Tensor Value { get; }

    /// <summary>dLoss/dValue for the last batch (summed over the batch's mean loss).</summary>
    public Tensor Gradient { get; }

    /// <summary>Number of values.</summary>
    public int Count => Value.Length;

    /// <inheritdoc/>
    public override string ToString() => $"{Name} {Value.ShapeString}";
}
