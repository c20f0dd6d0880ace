using NotebookNet.Layers;
using NotebookNet.Losses;
using NotebookNet.Optimizers;

namespace NotebookNet.Tests.Model;

public sealed class BufferReuseTests
{
    [Fact]
    public void A_layer_reuses_its_output_tensor_for_the_same_batch_size_only()
    {
        var dense = new Dense(3);
        dense.Build(new Shape(4), new Random(1));
        var first = dense.Forward(TestTensors.Uniform(1, 5, 4), training: false);
        var second = dense.Forward(TestTensors.Uniform(2, 5, 4), training: false);
        var other = dense.Forward(TestTensors.Uniform(3, 2, 4), training: false);
        Assert.Same(first, second);
        Assert.NotSame(first, other);
        Assert.Same(first, dense.Forward(TestTensors.Uniform(4, 5, 4), training: false));   // the last two batch sizes are kept
    }

    [Fact]
    public void Activations_returns_copies_that_later_calls_leave_alone()
    {
        var model = Model();
        var x1 = TestTensors.Uniform(1, 3, 6, 6, 1);
        var first = model.Activations(x1);
        var kept = first.Select(t => t.Clone()).ToList();
        model.Activations(TestTensors.Uniform(2, 3, 6, 6, 1));
        model.Predict(TestTensors.Uniform(3, 3, 6, 6, 1));
        for (int i = 0; i < kept.Count; i++) Assert.Equal(kept[i].Data, first[i].Data);
    }

    [Fact]
    public void Predict_gives_the_same_answer_whatever_ran_in_between()
    {
        var model = Model();
        var x = TestTensors.Uniform(4, 7, 6, 6, 1);
        var before = model.Predict(x, batchSize: 3);
        model.Evaluate(TestTensors.Uniform(5, 3, 6, 6, 1), Tensor.FromRows([[1, 0], [0, 1], [1, 0]]));
        model.Activations(TestTensors.Uniform(6, 3, 6, 6, 1));
        Assert.Equal(before.Data, model.Predict(x, batchSize: 3).Data);
        Assert.Equal(before.Data, model.Predict(x, batchSize: 7).Data);
    }

    private static Sequential Model()
    {
        var model = new Sequential([new Conv2D(2, 3, activation: "relu"), new MaxPooling2D(2), new Flatten(), new Dense(2, activation: "softmax")],
            new Shape(6, 6, 1), seed: 3);
        model.Compile(new Sgd(), Loss.CategoricalCrossEntropy);
        return model;
    }
}
