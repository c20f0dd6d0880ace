using NotebookNet.Inspection;
using NotebookNet.Layers;
using NotebookNet.Losses;
using NotebookNet.Optimizers;

namespace NotebookNet.Tests.Inspection;

public sealed class DeepDreamTests
{
    // A vertical-edge filter (dark left, bright right) with a bias that keeps its ReLU alive on a grey start (a silent
    // unit gets no gradient and stays grey), and a dense layer on top with weights from the seed.
    private static Sequential EdgeModel()
    {
        var model = new Sequential([new Conv2D(2, 3, activation: "relu"), new Flatten(), new Dense(3)], new Shape(12, 12, 1), seed: 2);
        model.Compile(new Sgd(0.1), Loss.MeanSquaredError);
        var kernel = ((Conv2D)model.Layers[0]).Kernel.Value;
        float[] edge = [-1, 0, 1, -2, 0, 2, -1, 0, 1];
        for (int i = 0; i < 9; i++) kernel.Data[i * 2] = edge[i];
        ((Conv2D)model.Layers[0]).Bias!.Value.Data[0] = 0.5f;
        return model;
    }

    [Fact]
    public void A_dream_makes_its_unit_respond_more_and_stays_an_image()
    {
        var model = EdgeModel();
        var dream = DeepDream.Unit(model, 0, channel: 0, steps: 20);

        Assert.True(dream.Rose, $"{dream.StartActivation} → {dream.FinalActivation}");
        Assert.Equal([1, 12, 12, 1], dream.Image.Shape);
        Assert.All(dream.Image.Data, v => Assert.InRange(v, 0f, 1f));
        // The centre unit of the 10×10 map (5, 5) sees rows and columns 5..7: dark left column, bright right one.
        Assert.True(dream.Image[0, 6, 5, 0] < dream.Image[0, 6, 7, 0]);
    }

    [Fact]
    public void One_step_moves_the_start_by_the_gradient_over_its_root_mean_square()
    {
        var model = EdgeModel();
        var start = DeepDream.Start(model.InputShape, seed: 4);
        var g = model.InputGradient(start, 0, 1);
        float rms = MathF.Sqrt(g.Data.Sum(v => v * v) / g.Length) + 1e-12f;

        var dream = DeepDream.Channel(model, 0, channel: 1, steps: 1, stepSize: 0.05f, seed: 4);

        for (int i = 0; i < start.Length; i++)
            Assert.Equal(Math.Clamp(start.Data[i] + 0.05f * g.Data[i] / rms, 0f, 1f), dream.Image.Data[i]);
    }

    [Fact]
    public void A_class_dream_raises_the_score_of_its_class()
    {
        var dream = DeepDream.Class(EdgeModel(), 2, classIndex: 1, steps: 15);
        Assert.True(dream.FinalActivation > dream.StartActivation);
    }

    [Fact]
    public void A_dream_stops_with_a_message_when_the_cell_is_interrupted()
    {
        var model = EdgeModel();
        using var scope = Interruption.Begin();
        scope.Interrupt();
        var ex = Assert.Throws<OperationCanceledException>(() => DeepDream.Channel(model, 0, channel: 0));
        Assert.Contains("DeepDream.Channel", ex.Message);
    }

    [Fact]
    public void The_wrong_kind_of_layer_or_unit_is_named_in_the_error()
    {
        var model = EdgeModel();
        Assert.Contains("DeepDream.Class", Assert.Throws<ArgumentException>(() => DeepDream.Unit(model, 2, 0)).Message);
        Assert.Contains("received 5", Assert.Throws<ArgumentOutOfRangeException>(() => DeepDream.Channel(model, 0, 5)).Message);
        Assert.Contains("not one score per class", Assert.Throws<ArgumentException>(() => DeepDream.Class(model, 0, 0)).Message);
    }
}
