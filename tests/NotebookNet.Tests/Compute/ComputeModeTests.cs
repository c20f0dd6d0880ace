using NotebookNet.Compute;
using NotebookNet.Layers;

namespace NotebookNet.Tests.Compute;

/// <summary>The public scope that runs the readable loops. Scopes are per flow of execution, not process-wide,
/// so these tests run beside the others.</summary>
public sealed class ComputeModeTests
{
    [Fact]
    public void A_reference_scope_is_in_force_inside_and_undone_when_disposed()
    {
        Assert.False(ComputeMode.IsReference);
        using (ComputeMode.Reference())
        {
            Assert.True(ComputeMode.IsReference);
            using (ComputeMode.Fast()) Assert.False(ComputeMode.IsReference);
            Assert.True(ComputeMode.IsReference);
        }
        Assert.False(ComputeMode.IsReference);
    }

    [Fact]
    public void A_thread_scope_sets_the_count_and_restores_the_one_before()
    {
        int before = ComputeMode.ThreadCount;
        using (ComputeMode.Threads(1))
        {
            Assert.Equal(1, ComputeMode.ThreadCount);
            using (ComputeMode.Reference()) Assert.Equal(1, ComputeMode.ThreadCount);   // an inner scope keeps the count
            using (ComputeMode.Threads(3)) Assert.Equal(3, ComputeMode.ThreadCount);
            Assert.Equal(1, ComputeMode.ThreadCount);
        }
        Assert.Equal(before, ComputeMode.ThreadCount);
    }

    [Fact]
    public void A_thread_scope_below_one_is_rejected_with_the_value()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => ComputeMode.Threads(0));
        Assert.Contains("ComputeMode.Threads", ex.Message);
        Assert.Contains("received 0", ex.Message);
        Assert.False(ComputeMode.IsReference);
    }

    [Fact]
    public void Disposing_an_outer_scope_before_its_inner_one_is_an_error_that_changes_nothing()
    {
        var outer = ComputeMode.Reference();
        var inner = ComputeMode.Fast();
        var ex = Assert.Throws<InvalidOperationException>(outer.Dispose);
        Assert.Contains("reverse order", ex.Message);
        Assert.False(ComputeMode.IsReference);   // the inner Fast scope is still the one in force
        inner.Dispose();
        Assert.True(ComputeMode.IsReference);
        outer.Dispose();
        Assert.False(ComputeMode.IsReference);
    }

    [Fact]
    public async Task A_scope_covers_the_tasks_it_starts_and_not_code_running_elsewhere()
    {
        var outsideStarted = new TaskCompletionSource();
        var release = new TaskCompletionSource();
        var outside = Task.Run(async () =>
        {
            outsideStarted.SetResult();
            await release.Task;
            return ComputeMode.IsReference;
        });
        await outsideStarted.Task;
        bool inTask;
        using (ComputeMode.Reference())
        {
            inTask = await Task.Run(() => ComputeMode.IsReference);
            release.SetResult();
            Assert.False(await outside);
        }
        Assert.True(inTask);
    }

    [Fact]
    public void A_layer_under_the_reference_scope_computes_its_reference_loops_and_the_fast_path_agrees()
    {
        var conv = new Conv2D(6, 3, strides: 2, padding: Padding.Same, activation: "relu");
        conv.Build(new Shape(11, 11, 3), new Random(2));
        var x = TestTensors.Uniform(3, 4, 11, 11, 3);
        var g = conv.Geometry(4);
        var expected = new float[g.OutputLength];
        Conv2D.ForwardReference(x.Data, conv.Kernel.Value.Data, conv.Bias!.Value.Data, expected, g);
        ComputeTestData.Relu.ForwardReference(expected, expected);

        Tensor scoped;
        using (ComputeMode.Reference()) scoped = conv.Forward(x, training: false).Clone();
        var direct = conv.ForwardReference(x);
        var fast = conv.Forward(x, training: false);

        Assert.Equal(expected, scoped.Data);
        Assert.Equal(expected, direct.Data);
        Assert.False(ComputeMode.IsReference);
        for (int i = 0; i < expected.Length; i++) Assert.Equal(expected[i], fast.Data[i], 1e-5f);
    }

    [Fact]
    public void A_dense_layer_and_its_activation_give_the_same_gradients_fast_and_reference()
    {
        var dense = new Dense(20, activation: "tanh");
        dense.Build(new Shape(30), new Random(4));
        var x = TestTensors.Uniform(5, 8, 30);
        var gy = TestTensors.Uniform(6, 8, 20);
        (float[] Dx, float[] Dk) Run()
        {
            dense.Forward(x, training: true);
            var dx = dense.Backward(gy).Data.ToArray();
            return (dx, dense.Kernel.Gradient.Data.ToArray());
        }
        (float[] Dx, float[] Dk) reference;
        using (ComputeMode.Reference()) reference = Run();
        var fast = Run();
        for (int i = 0; i < reference.Dx.Length; i++) Assert.Equal(reference.Dx[i], fast.Dx[i], 1e-5f);
        for (int i = 0; i < reference.Dk.Length; i++) Assert.Equal(reference.Dk[i], fast.Dk[i], 1e-5f);
    }
}
