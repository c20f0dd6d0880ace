using NotebookNet.Compute;
using NotebookNet.Layers;

namespace NotebookNet.Benchmarks;

/// <summary>
/// The kernels at the shapes a small MNIST CNN gives them with batch 32: conv1 3×3×1→32 on 28×28 (valid → 26×26),
/// conv2 3×3×32→64 on 13×13 (valid → 11×11), a dense 784→128 and the CNN's output layer 5408→10. For each: forward (patches·W), weight
/// gradient (patchesᵀ·dOut), input gradient (dOut·Wᵀ), and im2col/col2im. Small or thin products show where
/// the GEMM is far from peak (packing and C traffic dominate when K is 9).
/// </summary>
internal sealed class LayerShapes(BenchmarkOptions options, Dictionary<int, double> peaks)
{
    private const int Batch = 32;

    public ResultTable Run()
    {
        var table = new ResultTable(peaks);
        foreach (int threads in options.ThreadCounts)
        {
            Conv(table, "conv1", Geometry(new Shape(28, 28, 1), filters: 32), threads);
            Conv(table, "conv2", Geometry(new Shape(13, 13, 32), filters: 64), threads);
            Products(table, "dense 784→128", Batch, 784, 128, threads);
            Products(table, "dense 5408→10", Batch, 5408, 10, threads);
            Narrow(table, "dense 5408→10", Batch, 5408, 10, threads);
        }
        BatchNorm(table, "batchnorm 26×26×32", Batch * 26 * 26, 32);
        return table;
    }

    // BatchNormalization over NHWC channels (one thread: the kernels are vectorised, not threaded): a training
    // forward (statistics and normalisation) and backward, the reference loops of the layer file beside the fast ones.
    private void BatchNorm(ResultTable table, string name, int rows, int channels)
    {
        float[] x = Data.Random(rows * channels, 9), g = Data.Random(rows * channels, 10), gamma = Data.Random(channels, 11);
        float[] beta = Data.Random(channels, 12), xHat = new float[x.Length], y = new float[x.Length], dx = new float[x.Length];
        float[] mean = new float[channels], variance = new float[channels], dGamma = new float[channels], dBeta = new float[channels];
        float[] inverseStd = Enumerable.Repeat(1f, channels).ToArray();
        var (floats, doubles) = BatchNormFast.ScratchLength(channels);
        var (scratch, doubleScratch) = (new float[floats], new double[doubles]);
        string size = $"{rows}×{channels}";
        var m = Measurement.Of(() =>
        {
            BatchNormalization.BatchStatisticsReference(x, mean, variance, rows, channels);
            BatchNormalization.NormalizeReference(x, mean, inverseStd, gamma, beta, xHat, y, rows, channels);
        }, options.Repetitions);
        table.Add($"{name} forward, reference", size, 1, m, flops: null, comparePeak: false);
        m = Measurement.Of(() =>
        {
            BatchNormFast.BatchStatistics(x, mean, variance, rows, channels, scratch, doubleScratch);
            BatchNormFast.Normalize(x, mean, inverseStd, gamma, beta, xHat, y, rows, channels);
        }, options.Repetitions);
        table.Add($"{name} forward, fast", size, 1, m, flops: null, comparePeak: false);
        m = Measurement.Of(() => BatchNormalization.BackwardReference(g, xHat, gamma, inverseStd, dx, dGamma, dBeta, rows, channels, true),
            options.Repetitions);
        table.Add($"{name} backward, reference", size, 1, m, flops: null, comparePeak: false);
        m = Measurement.Of(() => BatchNormFast.Backward(g, xHat, gamma, inverseStd, dx, dGamma, dBeta, rows, channels, true, scratch, doubleScratch),
            options.Repetitions);
        table.Add($"{name} backward, fast", size, 1, m, flops: null, comparePeak: false);
    }

    // A 3×3 window, stride 1, Valid padding, over a batch of `Batch` samples of `sample`.
    private static ConvGeometry Geometry(Shape sample, int filters) =>
        ConvMath.Geometry(sample, (3, 3), (1, 1), Padding.Valid, filters) with { Batch = Batch };

    private void Conv(ResultTable table, string name, ConvGeometry g, int threads)
    {
        int rows = ConvColumns.Rows(g);
        var x = Data.Random(g.InputLength, 5);
        var cols = new float[rows * g.PatchSize];
        var m = Measurement.Of(() => ConvColumns.Im2Col(x, cols, g, threads), options.Repetitions);
        table.Add($"{name} im2col", $"{rows}×{g.PatchSize}", threads, m, flops: null);
        m = Measurement.Of(() => ConvColumns.Col2Im(cols, x, g, accumulate: false, threads), options.Repetitions);
        table.Add($"{name} col2im", $"{rows}×{g.PatchSize}", threads, m, flops: null);
        Products(table, name, rows, g.PatchSize, g.Filters, threads);
    }

    // A layer with few outputs computes its weight gradient transposed, dWᵀ = dOutᵀ·X (see DenseFast).
    private void Narrow(ResultTable table, string name, int rows, int inner, int outer, int threads)
    {
        float[] input = Data.Random(rows * inner, 6), dOut = Data.Random(rows * outer, 8), dWt = new float[inner * outer];
        float[] w = Data.Random(inner * outer, 7), yt = new float[rows * outer];
        var f = Measurement.Of(() => Gemm.Multiply(Transpose.Yes, Transpose.Yes, outer, rows, inner, 1f, w, outer, input, inner, 0f, yt, rows,
            threads, ComputeSettings.Path), options.Repetitions);
        table.Add($"{name} forward yᵀ = Wᵀ·Xᵀ", $"{outer}×{rows}×{inner}", threads, f, 2.0 * rows * inner * outer);
        var m = Measurement.Of(() => Gemm.Multiply(Transpose.Yes, Transpose.No, outer, inner, rows, 1f, dOut, outer, input, inner, 0f, dWt, inner,
            threads, ComputeSettings.Path), options.Repetitions);
        table.Add($"{name} dWᵀ = dOutᵀ·X", $"{outer}×{inner}×{rows}", threads, m, 2.0 * rows * inner * outer);
    }

    // rows × inner times inner × outer: forward, weight gradient and input gradient of one layer.
    private void Products(ResultTable table, string name, int rows, int inner, int outer, int threads)
    {
        float[] input = Data.Random(rows * inner, 6), w = Data.Random(inner * outer, 7), dOut = Data.Random(rows * outer, 8);
        float[] output = new float[rows * outer], dW = new float[inner * outer], dInput = new float[rows * inner];
        double flops = 2.0 * rows * inner * outer;
        var m = Measurement.Of(() => Gemm.Multiply(Transpose.No, Transpose.No, rows, outer, inner, 1f, input, inner, w, outer, 0f, output, outer,
            threads, ComputeSettings.Path), options.Repetitions);
        table.Add($"{name} forward X·W", $"{rows}×{outer}×{inner}", threads, m, flops);
        m = Measurement.Of(() => Gemm.Multiply(Transpose.Yes, Transpose.No, inner, outer, rows, 1f, input, inner, dOut, outer, 0f, dW, outer,
            threads, ComputeSettings.Path), options.Repetitions);
        table.Add($"{name} dW = Xᵀ·dOut", $"{inner}×{outer}×{rows}", threads, m, flops);
        m = Measurement.Of(() => Gemm.Multiply(Transpose.No, Transpose.Yes, rows, inner, outer, 1f, dOut, outer, w, outer, 0f, dInput, inner,
            threads, ComputeSettings.Path), options.Repetitions);
        table.Add($"{name} dX = dOut·Wᵀ", $"{rows}×{inner}×{outer}", threads, m, flops);
    }
}
