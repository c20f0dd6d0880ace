using NotebookNet.Compute;

namespace NotebookNet.Layers;

/// <summary>
/// BatchNormalization's seam: <see cref="BatchNormalization.BatchStatisticsReference"/>,
/// <see cref="BatchNormalization.NormalizeReference"/> and <see cref="BatchNormalization.BackwardReference"/>, or the
/// fast loops (Compute/BatchNormFast.cs: vectorised across channels, float sums per block of rows) with their scratch
/// sums. Backward runs the implementation the last Forward's <see cref="Normalize"/> ran.
/// </summary>
internal sealed class BatchNormOp
{
    private float[] _floats = [];
    private double[] _doubles = [];
    private bool _reference;

    /// <summary>μ[c] and the biased σ²[c] of every channel over the batch's rows.</summary>
    public void BatchStatistics(ReadOnlySpan<float> input, Span<float> mean, Span<float> variance, int rows, int channels)
    {
        if (ComputeMode.IsReference) BatchNormalization.BatchStatisticsReference(input, mean, variance, rows, channels);
        else
        {
            var (floats, doubles) = Scratch(channels);
            BatchNormFast.BatchStatistics(input, mean, variance, rows, channels, floats, doubles);
        }
    }

    /// <summary>x̂ = (x − μ)·inverseStd and y = γ·x̂ + β.</summary>
    public void Normalize(ReadOnlySpan<float> input, ReadOnlySpan<float> mean, ReadOnlySpan<float> inverseStd,
        ReadOnlySpan<float> gamma, ReadOnlySpan<float> beta, Span<float> xHat, Span<float> output, int rows, int channels)
    {
        _reference = ComputeMode.IsReference;
        if (_reference) BatchNormalization.NormalizeReference(input, mean, inverseStd, gamma, beta, xHat, output, rows, channels);
        else BatchNormFast.Normalize(input, mean, inverseStd, gamma, beta, xHat, output, rows, channels);
    }

    /// <summary>dγ, dβ and dx from the output gradient and the last Forward's x̂.</summary>
    public void Backward(ReadOnlySpan<float> outputGradient, ReadOnlySpan<float> xHat, ReadOnlySpan<float> gamma,
        ReadOnlySpan<float> inverseStd, Span<float> inputGradient, Span<float> gammaGradient, Span<float> betaGradient,
        int rows, int channels, bool training)
    {
        if (_reference)
        {
            BatchNormalization.BackwardReference(outputGradient, xHat, gamma, inverseStd, inputGradient, gammaGradient,
                betaGradient, rows, channels, training);
            return;
        }
        var (floats, doubles) = Scratch(channels);
        BatchNormFast.Backward(outputGradient, xHat, gamma, inverseStd, inputGradient, gammaGradient, betaGradient,
            rows, channels, training, floats, doubles);
    }

    // Grown once to the layer's channel count: a training batch allocates nothing.
    private (float[] Floats, double[] Doubles) Scratch(int channels)
    {
        var (floats, doubles) = BatchNormFast.ScratchLength(channels);
        if (_floats.Length < floats) _floats = new float[floats];
        if (_doubles.Length < doubles) _doubles = new double[doubles];
        return (_floats, _doubles);
    }
}
