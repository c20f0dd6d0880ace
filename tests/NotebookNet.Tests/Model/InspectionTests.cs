using NotebookNet.Layers;
using NotebookNet.Losses;
using NotebookNet.Optimizers;

namespace NotebookNet.Tests.Model;

public sealed class InspectionTests
{
    private static Sequential StridedPooledModel()
    {
        var model = new Sequential(new Shape(16, 16, 1), seed: 3);
        model.Add(new Conv2D(4, 3, strides: 2, padding: Padding.Same, activation: "relu"));
        model.Add(new MaxPooling2D(2));
        model.Add(new Flatten());
        model.Add(new Dense(10, activation: "softmax"));
        model.Compile(new Sgd(), Loss.CategoricalCrossEntropy);
        return model;
    }

    private static Tensor RandomImages(int n, int seed)
    {
        var random = new Random(seed);
        var x = new Tensor(n, 16, 16, 1);
        for (int i = 0; i < x.Length; i++) x.Data[i] = (float)random.NextDouble();
        return x;
    }

    [Fact]
    public void After_stride_2_and_2x2_pooling_a_sixteenth_of_the_locations_receive_gradient()
    {
        var model = StridedPooledModel();
        var x = RandomImages(1, seed: 5);
        var y = new Tensor(1, 10);
        y[0, 3] = 1;
        var trace = model.Gradients(x, y);
        var convGradient = trace.LayerOutputs[0];                        // [1, 8, 8, 4]: one value per evaluated location
        Assert.Equal([1, 8, 8, 4], convGradient.Shape);
        int withGradient = 0;
        for (int oy = 0; oy < 8; oy++)
            for (int ox = 0; ox < 8; ox++)
            {
                bool any = false;
                for (int c = 0; c < 4; c++) any |= convGradient[0, oy, ox, c] != 0;
                if (any) withGradient++;
            }
        // Per channel exactly one location in each 2×2 pool wins; over 4 channels at most all 64 conv locations.
        // Per channel the fraction of the 16×16 input locations is (1/4 stride) × (1/4 pool) = 6.25 %.
        for (int c = 0; c < 4; c++)
        {
            int perChannel = 0;
            for (int i = c; i < convGradient.Length; i += 4) perChannel += convGradient.Data[i] != 0 ? 1 : 0;
            Assert.InRange(perChannel, 1, 16);                       // 16 pools: at most one winner each (a dead ReLU gives 0)
            Assert.True(perChannel / 256.0 <= 0.0625);
        }
        Assert.True(withGradient <= 64);
        Assert.Equal([1, 16, 16, 1], trace.Input.Shape);
    }

    [Fact]
    public void Gradients_change_no_weight()
    {
        var model = StridedPooledModel();
        var before = model.Parameters.Select(p => p.Value.Data.ToArray()).ToList();
        var y = new Tensor(2, 10); y[0, 1] = 1; y[1, 2] = 1;
        model.Gradients(RandomImages(2, seed: 6), y);
        model.InputGradient(RandomImages(2, seed: 6), 0, unit: 1);
        for (int i = 0; i < before.Count; i++) Assert.Equal(before[i], model.Parameters[i].Value.Data);
    }

    [Fact]
    public void The_input_gradient_of_a_unit_matches_central_differences()
    {
        var model = StridedPooledModel();
        var x = RandomImages(1, seed: 7);
        const int layer = 3, unit = 4;   // a class probability: goes through the softmax's Jacobian, not the fused shortcut
        var analytic = model.InputGradient(x, layer, unit);
        double Unit(Tensor input) => model.Predict(input)[0, unit];
        foreach (int i in new[] { 17, 40, 100, 200, 255 })
        {
            float saved = x.Data[i];
            x.Data[i] = saved + 1e-2f; double plus = Unit(x);
            x.Data[i] = saved - 1e-2f; double minus = Unit(x);
            x.Data[i] = saved;
            double numeric = (plus - minus) / 2e-2;
            Assert.True(Math.Abs(numeric - analytic.Data[i]) <= 1e-3 + 0.05 * Math.Abs(numeric), $"pixel {i}: numeric {numeric}, analytic {analytic.Data[i]}");
        }
    }

    [Fact]
    public void Activations_give_every_layers_output_with_its_shape()
    {
        var model = StridedPooledModel();
        var outputs = model.Activations(RandomImages(3, seed: 8));
        Assert.Equal([[3, 8, 8, 4], [3, 4, 4, 4], [3, 64], [3, 10]], outputs.Select(o => o.Shape));
        Assert.Equal(model.Predict(RandomImages(3, seed: 8)).Data, outputs[^1].Data);
    }

    [Fact]
    public void Asking_for_a_unit_a_layer_does_not_have_names_the_layer_and_its_size()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => StridedPooledModel().InputGradient(RandomImages(1, 1), 0, unit: 9));
        Assert.Contains("conv2d", e.Message);
        Assert.Contains("unit=9", e.Message);
    }
}
