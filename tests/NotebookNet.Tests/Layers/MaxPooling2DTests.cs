using NotebookNet.Layers;

namespace NotebookNet.Tests.Layers;

// Distinct values 0.05 apart: the ±0.01 nudges never change a window's winner (max is not differentiable at ties).
public sealed class MaxPooling2DTests() : Pooling2DTests<MaxPooling2D>(
    (pool, strides, name) => new(pool, strides, name: name),
    (pool, strides, padding) => new(pool, strides, padding),
    (batch, h, w, c) => TestTensors.Distinct(4, batch, h, w, c))
{
    [Fact]
    public void A_2x2_pool_on_a_4x4_image_keeps_each_windows_maximum()
    {
        var y = Built(new MaxPooling2D(), 4, 4, 1).Forward(new Tensor(FourByFour, 1, 4, 4, 1), training: false);
        Assert.Equal([1, 2, 2, 1], y.Shape);
        Assert.Equal([5f, 9f, 8f, 5f], y.Data);
    }

    [Fact]
    public void Backward_sends_each_gradient_to_its_windows_maximum_only()
    {
        var pool = Built(new MaxPooling2D(), 4, 4, 1);
        pool.Forward(new Tensor(FourByFour, 1, 4, 4, 1), training: true);
        var dx = pool.Backward(new Tensor([1f, 2f, 3f, 4f], 1, 2, 2, 1));
        Assert.Equal(
        [
            0, 0, 0, 2,
            1, 0, 0, 0,
            3, 0, 0, 0,
            0, 0, 0, 4,
        ], dx.Data);
        Assert.Equal([4, 3, 8, 15], pool.ArgMaxIndices);
    }

    [Fact]
    public void On_a_tie_exactly_one_position_gets_the_gradient_the_first()
    {
        var pool = Built(new MaxPooling2D(), 4, 4, 1);
        pool.Forward(Tensor.Full(1f, 1, 4, 4, 1), training: true);
        var dx = pool.Backward(Tensor.Full(1f, 1, 2, 2, 1));
        Assert.Equal(4, dx.Data.Count(v => v != 0f));
        Assert.Equal([1f, 1f, 1f, 1f], new[] { dx[0, 0, 0, 0], dx[0, 0, 2, 0], dx[0, 2, 0, 0], dx[0, 2, 2, 0] });
    }

    [Fact]
    public void A_4x4_pool_lets_only_one_input_in_16_receive_gradient()
    {
        var pool = Built(new MaxPooling2D(4), 16, 16, 3);
        var x = TestTensors.Distinct(1, 2, 16, 16, 3);
        pool.Forward(x, training: true);
        var dx = pool.Backward(Tensor.Full(1f, 2, 4, 4, 3));
        Assert.Equal(0.0625, dx.Data.Count(v => v != 0f) / (double)dx.Length);
    }

    [Fact]
    public void Channels_are_pooled_independently()
    {
        // One 2×2 window, two channels: channel 0 peaks top-left, channel 1 bottom-right.
        var x = new Tensor([9f, -1f, 0f, 0f, 0f, 0f, 1f, 7f], 1, 2, 2, 2);
        var y = Built(new MaxPooling2D(), 2, 2, 2).Forward(x, training: false);
        Assert.Equal([9f, 7f], y.Data);
    }

    [Fact]
    public void Same_padding_never_lets_the_padding_win_over_negative_values()
    {
        var x = TestTensors.Distinct(2, 1, 5, 5, 1);
        for (int i = 0; i < x.Length; i++) x.Data[i] = -10f + x.Data[i];   // all negative
        var pool = Built(new MaxPooling2D(2, padding: Padding.Same), 5, 5, 1);
        var y = pool.Forward(x, training: false);
        Assert.Equal([1, 3, 3, 1], y.Shape);
        Assert.All(y.Data, v => Assert.True(v < 0f));
        Assert.Equal(x[0, 4, 4, 0], y[0, 2, 2, 0]);                        // the corner window holds one real pixel
    }

    [Fact]
    public void Overlapping_windows_add_up_their_gradients_on_a_shared_maximum()
    {
        var x = new Tensor(1, 4, 4, 1);
        x[0, 1, 2, 0] = 5f;                                                 // inside all four 3×3 windows
        var pool = Built(new MaxPooling2D(3, strides: 1), 4, 4, 1);
        pool.Forward(x, training: true);
        var dx = pool.Backward(Tensor.Full(1f, 1, 2, 2, 1));
        Assert.Equal(4f, dx[0, 1, 2, 0]);
        Assert.Equal(4f, dx.Data.Sum());
    }

    [Fact]
    public void Every_argmax_index_points_at_the_value_it_produced()
    {
        var pool = Built(new MaxPooling2D(3, strides: 2, padding: Padding.Same), 7, 6, 2);
        var x = TestTensors.Uniform(3, 2, 7, 6, 2);
        var y = pool.Forward(x, training: false);
        Assert.Equal(y.Length, pool.ArgMaxIndices.Count);
        for (int o = 0; o < y.Length; o++) Assert.Equal(y.Data[o], x.Data[pool.ArgMaxIndices[o]]);
    }
}
