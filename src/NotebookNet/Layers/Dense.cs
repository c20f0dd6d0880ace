using NotebookNet.Initializers;

namespace NotebookNet.Layers;

/// <summary>
/// Fully connected layer: every output unit sees every input value, <c>y = activation(x·W + b)</c>.
/// Input <c>[N, features]</c> (one vector per sample: put a <see cref="Flatten"/> before it for images),
/// output <c>[N, units]</c>. Kernel shape <c>[features, units]</c> and bias <c>[units]</c>, as in Keras.
/// Defaults: no activation, a bias, Glorot-uniform kernel, zero bias.
/// </summary>
/// <example><code>
/// model.Add(new Flatten());
/// model.Add(new Dense(10, activation: "softmax"));   // on 1600 inputs: (1600 + 1)·10 = 16,010 weights
/// </code></example>
/// <remarks>Forward and Backward run the loops below (<see cref="ForwardReference"/>, <see cref="BackwardReference"/>)
/// inside <c>using (ComputeMode.Reference())</c>, else their fast twin (Layers/Ops/DenseOp.cs).</remarks>
public sealed class Dense : WeightedLayer
{
    /// <summary>Creates a dense layer with <paramref name="units"/> outputs per sample.</summary>
    /// <param name="units">Number of output units (≥ 1).</param>
    /// <param name="activation">"relu", "sigmoid", "tanh", "softmax", or "linear"/null for none.</param>
    /// <param name="useBias">Whether to add a bias per unit.</param>
    /// <param name="kernelInitializer">How to draw the kernel; Glorot uniform by default.</param>
    /// <param name="name">The layer's name; the model gives one when null.</param>
    public Dense(int units, string? activation = null, bool useBias = true, Initializer? kernelInitializer = null, string? name = null)
        : base(name, useBias, kernelInitializer)
    {
        Units = Require.Positive(nameof(Dense), nameof(units), units);
        Activation = ActivationFor(nameof(Dense), activation);
        Op = new DenseOp(this);
    }

    /// <summary>Number of output units.</summary>
    public int Units { get; }

    /// <summary>E.g. "(1600 + 1)·10 = 16,010": (inputs + bias)·units. The kernel W has shape
    /// <c>[features, units]</c>, the bias b <c>[units]</c>.</summary>
    public override string ParameterFormula => Formula("", $"{InputShape[0]}", Units);

    private protected override WeightedOp Op { get; }

    /// <inheritdoc/>
    public override Shape ComputeOutputShape(Shape inputShape)
    {
        ArgumentNullException.ThrowIfNull(inputShape);
        if (inputShape.Rank != 1)
            throw Mismatch("(features,): one vector per sample (add a Flatten layer before Dense to flatten images)", inputShape);
        return new Shape(Units);
    }

    private protected override (int[] Shape, int FanIn, int FanOut) KernelLayout(Shape inputShape) =>
        ([inputShape[0], Units], inputShape[0], Units);

    private protected override int[] BiasShape(Shape inputShape) => [Units];

    /// <summary>y[n, u] = b[u] + Σ_i x[n, i]·W[i, u]. An empty <paramref name="bias"/> means no bias.</summary>
    internal static void ForwardReference(ReadOnlySpan<float> input, ReadOnlySpan<float> kernel, ReadOnlySpan<float> bias,
        Span<float> output, int batch, int inputs, int units)
    {
        for (int n = 0; n < batch; n++)
        {
            var y = output.Slice(n * units, units);
            if (bias.IsEmpty) y.Clear(); else bias.CopyTo(y);
            for (int i = 0; i < inputs; i++)
            {
                float x = input[n * inputs + i];
                var w = kernel.Slice(i * units, units);
                for (int u = 0; u < units; u++) y[u] += x * w[u];
            }
        }
    }

    /// <summary>
    /// Given g = dLoss/dy: dW[i, u] = Σ_n x[n, i]·g[n, u], db[u] = Σ_n g[n, u], dx[n, i] = Σ_u W[i, u]·g[n, u].
    /// Overwrites all three outputs; an empty <paramref name="biasGradient"/> means no bias.
    /// </summary>
    internal static void BackwardReference(ReadOnlySpan<float> input, ReadOnlySpan<float> kernel, ReadOnlySpan<float> outputGradient,
        Span<float> inputGradient, Span<float> kernelGradient, Span<float> biasGradient, int batch, int inputs, int units)
    {
        kernelGradient.Clear();
        biasGradient.Clear();
        for (int n = 0; n < batch; n++)
        {
            var g = outputGradient.Slice(n * units, units);
            for (int u = 0; u < biasGradient.Length; u++) biasGradient[u] += g[u];
            for (int i = 0; i < inputs; i++)
            {
                float x = input[n * inputs + i];
                var w = kernel.Slice(i * units, units);
                var dw = kernelGradient.Slice(i * units, units);
                float sum = 0f;
                for (int u = 0; u < units; u++)
                {
                    dw[u] += x * g[u];
                    sum += w[u] * g[u];
                }
                inputGradient[n * inputs + i] = sum;
            }
        }
    }
}
