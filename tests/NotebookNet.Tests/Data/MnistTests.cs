using NotebookNet.Data;

namespace NotebookNet.Tests.Data;

/// <summary>Tests that read NOTEBOOKNET_DATASETS (directly or through Mnist.Load()) or change it run alone.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class DatasetsEnvironmentCollection
{
    public const string Name = "NOTEBOOKNET_DATASETS environment variable";
}

/// <summary>The shipped MNIST, loaded once for the tests that only read it.</summary>
public sealed class ShippedMnist
{
    public MnistData Data { get; } = Mnist.Load();
}

/// <summary>The real shipped data: counts, labels, scaling, one-hot, subsets.</summary>
[Collection(DatasetsEnvironmentCollection.Name)]
public sealed class MnistTests(ShippedMnist shipped) : IClassFixture<ShippedMnist>
{
    private readonly MnistData _mnist = shipped.Data;

    [Fact]
    public void The_shipped_data_has_sixty_thousand_training_and_ten_thousand_test_images()
    {
        Assert.Equal(60000, _mnist.Train.Count);
        Assert.Equal(10000, _mnist.Test.Count);
        Assert.Equal([60000, 28, 28, 1], _mnist.Train.Images.Shape);
        Assert.Equal([10000, 28, 28, 1], _mnist.Test.Images.Shape);
        Assert.Equal(60000 * 784, _mnist.Train.Pixels.Length);
    }

    [Fact]
    public void The_first_labels_are_the_well_known_five_and_seven()
    {
        Assert.Equal([5, 0, 4, 1, 9], _mnist.Train.Labels[..5]);
        Assert.Equal([7, 2, 1, 0, 4], _mnist.Test.Labels[..5]);
    }

    [Fact]
    public void The_class_counts_match_the_published_MNIST_distribution()
    {
        int[] train = new int[10], test = new int[10];
        foreach (int l in _mnist.Train.Labels) train[l]++;
        foreach (int l in _mnist.Test.Labels) test[l]++;

        Assert.Equal([5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949], train);
        Assert.Equal([980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009], test);
    }

    [Fact]
    public void Pixels_are_scaled_by_one_over_255_into_zero_to_one()
    {
        Tensor x = _mnist.Test.Images;
        ReadOnlySpan<byte> raw = _mnist.Test.Pixels.Span;

        Assert.Equal(0f, x.Data.Min());
        Assert.Equal(1f, x.Data.Max());
        for (int i = 0; i < raw.Length; i += 997)
            Assert.Equal(raw[i] / 255f, x.Data[i]);
    }

    [Fact]
    public void Images_are_stored_row_by_row_so_the_first_digit_has_ink_in_the_middle_not_the_corner()
    {
        Tensor x = _mnist.Train.Images;

        Assert.Equal(0f, x[0, 0, 0, 0]);
        float middleRow = Enumerable.Range(0, 28).Sum(c => x[0, 14, c, 0]);
        Assert.True(middleRow > 1f, $"row 14 of the first image sums to {middleRow}");
    }

    [Fact]
    public void One_hot_rows_sum_to_one_with_the_one_at_the_label()
    {
        Tensor y = _mnist.Train.OneHot;

        Assert.Equal([60000, 10], y.Shape);
        for (int i = 0; i < 60000; i += 101)
        {
            Assert.Equal(1f, y.Data.AsSpan(i * 10, 10).ToArray().Sum());
            Assert.Equal(1f, y[i, _mnist.Train.Labels[i]]);
        }
        Assert.Same(y, _mnist.Train.OneHot);
    }

    [Fact]
    public void Image_returns_one_digit_equal_to_its_slice_of_Images()
    {
        Tensor one = _mnist.Test.Image(3);

        Assert.Equal([28, 28, 1], one.Shape);
        Assert.Equal(_mnist.Test.Images.Slice(3, 1).Data, one.Data);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => _mnist.Test.Image(10000));
        Assert.Contains("index = 10000", e.Message);
    }

    [Fact]
    public void Subset_takes_a_window_of_images_and_labels()
    {
        MnistSet window = _mnist.Train.Subset(100, 50);

        Assert.Equal(50, window.Count);
        Assert.Equal(_mnist.Train.Labels[100..150], window.Labels);
        Assert.Equal(_mnist.Train.Images.Slice(100, 50).Data, window.Images.Data);
        Assert.Equal(_mnist.Train.OneHot.Slice(100, 50).Data, window.OneHot.Data);
        Assert.Equal(_mnist.Train.Labels[..10], _mnist.Train.Subset(10).Labels);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(0, 60001)]
    [InlineData(59990, 11)]
    [InlineData(-1, 5)]
    [InlineData(60000, 1)]
    public void Subset_outside_the_set_is_rejected_echoing_the_values(int start, int count)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => _mnist.Train.Subset(start, count));

        Assert.Matches($"(start = {start}|count = {count})", e.Message);
    }

    [Fact]
    public void TrainCount_and_testCount_take_the_first_images()
    {
        MnistData small = Mnist.Load(trainCount: 100, testCount: 20);

        Assert.Equal(100, small.Train.Count);
        Assert.Equal(20, small.Test.Count);
        Assert.Equal(_mnist.Train.Labels[..100], small.Train.Labels);
        Assert.Equal(_mnist.Test.Images.Slice(0, 20).Data, small.Test.Images.Data);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(60001)]
    public void A_trainCount_outside_one_to_sixty_thousand_is_rejected_echoing_the_value(int trainCount)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Mnist.Load(trainCount: trainCount));

        Assert.Contains($"trainCount = {trainCount}", e.Message);
    }

    [Fact]
    public void A_testCount_above_ten_thousand_names_the_limit()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Mnist.Load(testCount: 10001));

        Assert.Contains("testCount = 10001 is outside 1..10000", e.Message);
    }
}
