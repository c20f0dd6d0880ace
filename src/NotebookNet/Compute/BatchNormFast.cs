using System.Numerics;

namespace NotebookNet.Compute;

/// <summary>
/// The fast loops of <c>Layers.BatchNormalization</c> over NHWC data seen as <c>[rows, channels]</c>: the channel
/// varies fastest, so each row is one contiguous run of channels and the loops vectorise across channels
/// (<see cref="Vector{T}"/>, 8 floats with AVX2), row after row, with a scalar tail for the last channels.
/// Sums run in float over blocks of <see cref="Block"/> rows and are then added up in double, so that a batch of
/// 100,000 rows loses no more than the reference's double sums would (the tests compare both).
/// </summary>
internal static class BatchNormFast
{
    private const int Block = 256;

    /// <summary>Floats and doubles of scratch the kernels need for <paramref name="channels"/> channels (the layer keeps them:
    /// a training batch allocates nothing).</summary>
    public static (int Floats, int Doubles) ScratchLength(int channels) => (3 * channels, 2 * channels);

    /// <summary>μ[c] and the biased σ²[c] of every channel; the same math as the reference, in two passes.</summary>
    public static void BatchStatistics(ReadOnlySpan<float> input, Span<float> mean, Span<float> variance, int rows, int channels,
        Span<float> scratch, Span<double> doubleScratch)
    {
        var blockSums = scratch[..channels];
        var totals = doubleScratch[..channels];
        totals.Clear();
        for (int r0 = 0; r0 < rows; r0 += Block)
        {
            blockSums.Clear();
            int r1 = Math.Min(rows, r0 + Block);
            for (int r = r0; r < r1; r++) AddInto(input.Slice(r * channels, channels), blockSums);
            for (int c = 0; c < channels; c++) totals[c] += blockSums[c];
        }
        for (int c = 0; c < channels; c++) mean[c] = (float)(totals[c] / rows);

        totals.Clear();
        for (int r0 = 0; r0 < rows; r0 += Block)
        {
            blockSums.Clear();
            int r1 = Math.Min(rows, r0 + Block);
            for (int r = r0; r < r1; r++) AddSquaredDeviations(input.Slice(r * channels, channels), mean, blockSums);
            for (int c = 0; c < channels; c++) totals[c] += blockSums[c];
        }
        for (int c = 0; c < channels; c++) variance[c] = (float)(totals[c] / rows);
    }

    /// <summary>x̂ = (x − μ)·inverseStd and y = γ·x̂ + β, row by row.</summary>
    public static void Normalize(ReadOnlySpan<float> input, ReadOnlySpan<float> mean, ReadOnlySpan<float> inverseStd,
        ReadOnlySpan<float> gamma, ReadOnlySpan<float> beta, Span<float> xHat, Span<float> output, int rows, int channels)
    {
        int width = Vector<float>.Count, vectorEnd = channels - channels % width;
        for (int r = 0; r < rows; r++)
        {
            var x = input.Slice(r * channels, channels);
            var h = xHat.Slice(r * channels, channels);
            var y = output.Slice(r * channels, channels);
            int c = 0;
            for (; c < vectorEnd; c += width)
            {
                var xh = (Load(x, c) - Load(mean, c)) * Load(inverseStd, c);
                Store(xh, h, c);
                Store(Load(gamma, c) * xh + Load(beta, c), y, c);
            }
            for (; c < channels; c++)
            {
                h[c] = (x[c] - mean[c]) * inverseStd[c];
                y[c] = gamma[c] * h[c] + beta[c];
            }
        }
    }

    /// <summary>dβ = Σ g, dγ = Σ g·x̂, and dx = γ·inverseStd·(g − dβ/M − x̂·dγ/M) in training (γ·inverseStd·g otherwise).</summary>
    public static void Backward(ReadOnlySpan<float> outputGradient, ReadOnlySpan<float> xHat, ReadOnlySpan<float> gamma,
        ReadOnlySpan<float> inverseStd, Span<float> inputGradient, Span<float> gammaGradient, Span<float> betaGradient,
        int rows, int channels, bool training, Span<float> scratch, Span<double> doubleScratch)
    {
        var blockG = scratch[..channels];
        var blockGx = scratch.Slice(channels, channels);
        var sumG = doubleScratch[..channels];
        var sumGx = doubleScratch.Slice(channels, channels);
        sumG.Clear();
        sumGx.Clear();
        for (int r0 = 0; r0 < rows; r0 += Block)
        {
            blockG.Clear();
            blockGx.Clear();
            int r1 = Math.Min(rows, r0 + Block);
            for (int r = r0; r < r1; r++)
                AddGradientSums(outputGradient.Slice(r * channels, channels), xHat.Slice(r * channels, channels), blockG, blockGx);
            for (int c = 0; c < channels; c++)
            {
                sumG[c] += blockG[c];
                sumGx[c] += blockGx[c];
            }
        }
        // Per channel: dx = k·g − a − x̂·b with k = γ·inverseStd, a = k·dβ/M, b = k·dγ/M (a = b = 0 at inference).
        var k = blockG;
        var a = blockGx;
        var b = scratch.Slice(2 * channels, channels);
        for (int c = 0; c < channels; c++)
        {
            betaGradient[c] = (float)sumG[c];
            gammaGradient[c] = (float)sumGx[c];
            double kc = (double)gamma[c] * inverseStd[c];
            k[c] = (float)kc;
            a[c] = training ? (float)(kc * sumG[c] / rows) : 0f;
            b[c] = training ? (float)(kc * sumGx[c] / rows) : 0f;
        }
        int width = Vector<float>.Count, vectorEnd = channels - channels % width;
        for (int r = 0; r < rows; r++)
        {
            var g = outputGradient.Slice(r * channels, channels);
            var h = xHat.Slice(r * channels, channels);
            var dx = inputGradient.Slice(r * channels, channels);
            int c = 0;
            for (; c < vectorEnd; c += width)
                Store(Load(k, c) * Load(g, c) - Load(a, c) - Load(h, c) * Load(b, c), dx, c);
            for (; c < channels; c++) dx[c] = k[c] * g[c] - a[c] - h[c] * b[c];
        }
    }

    private static void AddInto(ReadOnlySpan<float> row, Span<float> sums)
    {
        int width = Vector<float>.Count, vectorEnd = row.Length - row.Length % width, c = 0;
        for (; c < vectorEnd; c += width) Store(Load(sums, c) + Load(row, c), sums, c);
        for (; c < row.Length; c++) sums[c] += row[c];
    }

    private static void AddSquaredDeviations(ReadOnlySpan<float> row, ReadOnlySpan<float> mean, Span<float> sums)
    {
        int width = Vector<float>.Count, vectorEnd = row.Length - row.Length % width, c = 0;
        for (; c < vectorEnd; c += width)
        {
            var d = Load(row, c) - Load(mean, c);
            Store(Load(sums, c) + d * d, sums, c);
        }
        for (; c < row.Length; c++)
        {
            float d = row[c] - mean[c];
            sums[c] += d * d;
        }
    }

    private static void AddGradientSums(ReadOnlySpan<float> g, ReadOnlySpan<float> xHat, Span<float> sumG, Span<float> sumGx)
    {
        int width = Vector<float>.Count, vectorEnd = g.Length - g.Length % width, c = 0;
        for (; c < vectorEnd; c += width)
        {
            var gv = Load(g, c);
            Store(Load(sumG, c) + gv, sumG, c);
            Store(Load(sumGx, c) + gv * Load(xHat, c), sumGx, c);
        }
        for (; c < g.Length; c++)
        {
            sumG[c] += g[c];
            sumGx[c] += g[c] * xHat[c];
        }
    }

    private static Vector<float> Load(ReadOnlySpan<float> span, int index) => new(span.Slice(index, Vector<float>.Count));

    private static void Store(Vector<float> value, Span<float> span, int index) => value.CopyTo(span.Slice(index, Vector<float>.Count));
}
