using NotebookNet.Compute;
using NotebookNet.Layers;
using NotebookNet.Losses;
using NotebookNet.Optimizers;

namespace NotebookNet.Tests.Compute;

public sealed class FiniteScanTests
{
    private const int Large = 1_200_003;   // over 1M floats per part: split over 2 and 4 threads

    [Theory]
    [InlineData(0, float.NaN)]
    [InlineData(Large / 2, float.PositiveInfinity)]
    [InlineData(Large - 1, float.NegativeInfinity)]
    public void A_bad_value_in_any_part_of_a_large_array_is_found_on_any_number_of_threads(int index, float bad)
    {
        var data = new float[Large];
        for (int i = 0; i < data.Length; i++) data[i] = i % 7 - 3;
        foreach (int threads in new[] { 1, 2, 4 }) Assert.True(FiniteScan.All(data, threads));
        data[index] = bad;
        foreach (int threads in new[] { 1, 2, 4 }) Assert.False(FiniteScan.All(data, threads));
    }

    [Fact]
    public void Predict_names_a_nan_in_the_second_half_of_a_large_input()
    {
        var model = new Sequential([new Dense(1)], new Shape(1));
        model.Compile(new Sgd(), Loss.MeanSquaredError);
        var x = new Tensor(Large, 1);
        x[Large - 2, 0] = float.NaN;
        using (ComputeMode.Threads(2))
            Assert.Contains($"the first is NaN at [{Large - 2}, 0]", Assert.Throws<ArgumentException>(() => model.Predict(x)).Message);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(31)]
    [InlineData(101_771)]   // the lecture MLP's gradient count: vector loop and tail
    public void Sum_of_squares_matches_a_double_loop_and_lets_nan_and_infinity_through(int length)
    {
        var x = new float[length];
        var random = new Random(length);
        for (int i = 0; i < length; i++) x[i] = (float)(random.NextDouble() - 0.5) * 1e-2f;
        double expected = x.Sum(v => (double)v * v);
        Assert.Equal(expected, Reductions.SumOfSquares(x), expected * 1e-4);
        Assert.True(Reductions.AllFinite(x));
        var copy = new float[length];
        Assert.True(Reductions.CopyAllFinite(x, copy));
        Assert.Equal(x, copy);
        x[length - 1] = float.PositiveInfinity;
        Assert.Equal(double.PositiveInfinity, Reductions.SumOfSquares(x));
        Assert.False(Reductions.AllFinite(x));
        Assert.False(Reductions.CopyAllFinite(x, copy));
        Assert.Equal(x, copy);
        x[0] = float.NaN;
        Assert.True(double.IsNaN(Reductions.SumOfSquares(x)));
        Assert.False(Reductions.AllFinite(x));
        Assert.False(Reductions.CopyAllFinite(x, copy));
    }
}
