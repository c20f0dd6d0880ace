namespace NotebookNet.Tests;

public sealed class TensorConcatTests
{
    [Fact]
    public void Batches_follow_one_another_along_the_first_dimension()
    {
        var a = new Tensor([1f, 2f], 1, 2, 1);
        var b = new Tensor([3f, 4f, 5f, 6f], 2, 2, 1);

        var joined = Tensor.Concat([a, b]);

        Assert.Equal([3, 2, 1], joined.Shape);
        Assert.Equal([1f, 2f, 3f, 4f, 5f, 6f], joined.Data);
    }

    [Fact]
    public void A_batch_of_another_sample_shape_is_named_in_the_error()
    {
        var ex = Assert.Throws<ArgumentException>(() => Tensor.Concat([new Tensor(1, 2), new Tensor(1, 2), new Tensor(1, 3)]));
        Assert.Contains("batch 2 is [1, 3]", ex.Message);
        Assert.Throws<ArgumentException>(() => Tensor.Concat([]));
    }
}
