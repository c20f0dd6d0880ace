using NotebookNet.Inspection;
using NotebookNet.Layers;
using NotebookNet.Losses;
using NotebookNet.Optimizers;

namespace NotebookNet.Tests.Inspection;

public sealed class GradientCoverageTests
{
    private static Sequential Model(params Layer[] layers)
    {
        var model = new Sequential(layers, new Shape(28, 28, 1), seed: 3);
        model.Compile(new Sgd(0.1), Loss.CategoricalCrossEntropy);
        return model;
    }

    private static (Tensor X, Tensor Y) Batch(int n)
    {
        var x = TestTensors.Uniform(7, n, 28, 28, 1);
        var y = new Tensor(n, 10);
        for (int i = 0; i < n; i++) y[i, i % 10] = 1;
        return (x, y);
    }

    [Fact]
    public void After_stride_2_and_2x2_pooling_a_sixteenth_of_the_locations_receive_gradient()
    {
        var model = Model(new Conv2D(8, 3, strides: 2, padding: Padding.Same), new MaxPooling2D(2), new Flatten(),
            new Dense(10, activation: "softmax"));
        var (x, y) = Batch(3);

        var coverage = GradientCoverage.Of(model, x, y);

        Assert.Equal(1.0 / 16, coverage.Fraction, 12);
        Assert.Equal(3L * 28 * 28 * 8, coverage.Evaluations);
        Assert.Equal(3L * 7 * 7 * 8, coverage.Receiving);    // one winner per 2×2 window of the 14×14 map
        Assert.Equal(49, coverage.MaskLocations);
        Assert.Equal([28, 28], coverage.Mask.Shape);
        // Window centres of a stride-2 Same conv (padTop 0) lie on odd rows and columns.
        for (int i = 0; i < coverage.Mask.Length; i++)
            if (coverage.Mask.Data[i] != 0) Assert.True(i / 28 % 2 == 1 && i % 28 % 2 == 1, $"mask pixel {i} is not a window centre");
    }

    [Fact]
    public void Without_stride_or_pooling_every_evaluated_location_receives_gradient()
    {
        var model = Model(new Conv2D(4, 3), new Flatten(), new Dense(10, activation: "softmax"));
        var (x, y) = Batch(2);

        var coverage = GradientCoverage.Of(model, x, y, filter: 3);

        Assert.Equal(26.0 * 26 / (28 * 28), coverage.Fraction, 12);
        Assert.Equal(26 * 26, coverage.MaskLocations);
        Assert.Equal(0, coverage.Mask[0, 0]);                 // a valid 3×3 window is never centred on the border
        Assert.Equal(1, coverage.Mask[1, 1]);
        Assert.Equal(3, coverage.Filter);
    }

    [Fact]
    public void A_layer_that_slides_no_filters_is_rejected_with_its_type()
    {
        var model = Model(new Flatten(), new Dense(10, activation: "softmax"));
        var (x, y) = Batch(1);
        var ex = Assert.Throws<ArgumentException>(() => GradientCoverage.Of(model, x, y, layerIndex: 1));
        Assert.Contains("Dense", ex.Message);
    }
}
