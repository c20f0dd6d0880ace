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
}
