namespace NotebookNet.Metrics;

/// <summary>A quantity reported during training and evaluation (never differentiated).</summary>
public abstract class Metric
{
    /// <summary>Keras's name, e.g. "accuracy".</summary>
    public abstract string Name { get; }

    /// <summary>The fraction of correct predictions (see <see cref="Accuracy"/>).</summary>
    public static Metric Accuracy => new Accuracy();

    /// <summary>The metric's value for one batch; the model averages it over an epoch weighted by batch size.</summary>
    public abstract double Compute(Tensor predictions, Tensor targets);

    /// <inheritdoc/>
    public override string ToString() => Name;
}

/// <summary>
/// Accuracy as Keras picks it from the shapes: several outputs → the arg-max class against the one-hot target's
/// arg-max (or the integer target for sparse labels); one output → the prediction thresholded at 0.5 against a 0/1 target.
/// </summary>
public sealed class Accuracy : Metric
{
    /// <inheritdoc/>
    public override string Name => "accuracy";

    /// <inheritdoc/>
    public override double Compute(Tensor predictions, Tensor targets)
    {
        int n = predictions.Shape[0];
        int k = predictions.Length / Math.Max(1, n);
        int correct = 0;
        for (int s = 0; s < n; s++)
        {
            var p = predictions.Data.AsSpan(s * k, k);
            if (k == 1)
            {
                correct += (p[0] >= 0.5f) == (targets.Data[s] >= 0.5f) ? 1 : 0;
                continue;
            }
            int predicted = System.Numerics.Tensors.TensorPrimitives.IndexOfMax(p);
            int actual = targets.Length == n
                ? (int)targets.Data[s]
                : System.Numerics.Tensors.TensorPrimitives.IndexOfMax(targets.Data.AsSpan(s * k, k));
            if (predicted == actual) correct++;
        }
        return n == 0 ? 0 : (double)correct / n;
    }
}
