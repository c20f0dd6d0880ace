using NotebookNet.Inspection;
using NotebookNet.Layers;
using NotebookNet.Losses;
using NotebookNet.Optimizers;

namespace NotebookNet.Tests.Inspection;

public sealed class ReceptiveFieldTests
{
    private static Sequential Model(params Layer[] layers)
    {
        var model = new Sequential(layers, new Shape(28, 28, 1));
        model.Compile(new Sgd(0.1), Loss.CategoricalCrossEntropy);
        return model;
    }

    [Fact]
    public void Each_window_widens_the_field_by_its_size_minus_one_in_steps_of_the_layer_below()
    {
        var model = Model(new Conv2D(4, 5, activation: "relu"), new MaxPooling2D(2), new Conv2D(4, 3, activation: "relu"),
            new Flatten(), new Dense(10, activation: "softmax"));

        // conv 5×5: 5 pixels; pool 2×2: 5 + 1; conv 3×3 in steps of 2: 6 + 2·2 = 10.
        Assert.Equal(new ReceptiveField(5, 5, 12, 12), ReceptiveField.Of(model, 0));     // centre unit 12 of 24
        Assert.Equal(new ReceptiveField(6, 6, 12, 12), ReceptiveField.Of(model, 1));     // centre 6 of 12, jump 2
        Assert.Equal(new ReceptiveField(10, 10, 10, 10), ReceptiveField.Of(model, 2));   // centre 5 of 10, jump 2
    }

    [Theory]
    [InlineData(1, 13)]    // Same, stride 1: centre 14 of 28 outputs, one padded row on top: starts at row 13
    [InlineData(2, 14)]    // Same, stride 2: centre 7 of 14 outputs, no padding on top: 7·2 = 14
    public void Zero_padding_moves_where_the_field_starts(int stride, int top)
    {
        var model = Model(new Conv2D(2, 3, strides: stride, padding: Padding.Same), new Flatten(), new Dense(10, activation: "softmax"));
        Assert.Equal(new ReceptiveField(3, 3, top, top), ReceptiveField.Of(model, 0));
    }

    [Fact]
    public void A_dense_layer_has_no_receptive_field_of_its_own()
    {
        var model = Model(new Flatten(), new Dense(10, activation: "softmax"));
        var ex = Assert.Throws<ArgumentException>(() => ReceptiveField.Of(model, 1));
        Assert.Contains("not feature maps", ex.Message);
    }

    [Fact]
    public void A_crop_cuts_the_field_with_its_margin_and_repeats_the_edge_beyond_the_image()
    {
        var image = new Tensor(1, 6, 6, 1);
        for (int i = 0; i < 36; i++) image.Data[i] = i;
        var crop = new ReceptiveField(3, 3, 4, 1).Crop(image, margin: 1);

        Assert.Equal([5, 5, 1], crop.Shape);
        Assert.Equal(3 * 6 + 0, crop[0, 0, 0]);     // row 4 − 1, column 1 − 1
        Assert.Equal(5 * 6 + 4, crop[2, 4, 0]);     // row 5, column 4
        Assert.Equal(5 * 6 + 4, crop[4, 4, 0]);     // rows beyond 5 repeat row 5
    }
}
