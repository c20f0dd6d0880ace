using NotebookNet.Data;
using NotebookNet.Compute;
using NotebookNet.Layers;
using NotebookNet.Losses;
using NotebookNet.Metrics;
using NotebookNet.Optimizers;
using NotebookNet.Tests.Compute;

namespace NotebookNet.Tests.Model;

/// <summary>The layers' two implementations side by side, and what training with the fast one guarantees.
/// These flip ComputeSettings (process-wide), so they run alone.</summary>
[Collection(ComputeGlobalsCollection.Name)]
public sealed class FastLayersTests
{
    [Fact]
    public void Layers_run_exactly_the_reference_loops_when_the_switch_is_on()
    {
        var conv = new Conv2D(4, 3, activation: "relu");
        conv.Build(new Shape(9, 9, 2), new Random(1));
        var g = ConvMath.Geometry(new Shape(9, 9, 2), (3, 3), (1, 1), Padding.Valid, 4) with { Batch = 3 };
        var x = TestTensors.Uniform(2, 3, 9, 9, 2);
        var gy = TestTensors.Uniform(3, 3, 7, 7, 4);

        var expected = new float[g.OutputLength];
        Conv2D.ForwardReference(x.Data, conv.Kernel.Value.Data, conv.Bias!.Value.Data, expected, g);
        ComputeTestData.Relu.ForwardReference(expected, expected);
        var dz = new float[g.OutputLength];
        ComputeTestData.Relu.BackwardReference(expected, gy.Data, dz);
        var (dx, dk, db) = (new float[g.InputLength], new float[conv.Kernel.Count], new float[4]);
        Conv2D.BackwardReference(x.Data, conv.Kernel.Value.Data, dz, dx, dk, db, g);

        var (y, inputGradient) = WithReferenceLayers(true, () => (conv.Forward(x, training: true).Clone(), conv.Backward(gy).Clone()));
        Assert.Equal(expected, y.Data);
        Assert.Equal(dx, inputGradient.Data);
        Assert.Equal(dk, conv.Kernel.Gradient.Data);
        Assert.Equal(db, conv.Bias.Gradient.Data);

        // Switched off: the layer's output is the fast kernel's, to the bit.
        var fast = new float[g.OutputLength];
        Conv2DFast.Forward(x.Data, conv.Kernel.Value.Data, conv.Bias.Value.Data, fast, g, relu: true, ComputeSettings.ThreadCount, ComputeSettings.Path);
        Assert.Equal(fast, WithReferenceLayers(false, () => conv.Forward(x, training: false).Data));
    }

    [Fact]
    public void Backward_uses_the_implementation_its_forward_used_even_if_the_switch_changes_in_between()
    {
        var dense = new Dense(5, activation: "relu");
        dense.Build(new Shape(7), new Random(1));
        var x = TestTensors.Uniform(4, 6, 7);
        var g = TestTensors.Uniform(5, 6, 5);
        WithReferenceLayers(true, () => dense.Forward(x, training: true));
        var expected = new float[dense.Kernel.Count];
        var y = new float[30];
        Dense.ForwardReference(x.Data, dense.Kernel.Value.Data, dense.Bias!.Value.Data, y, 6, 7, 5);
        ComputeTestData.Relu.ForwardReference(y, y);
        var dz = new float[30];
        ComputeTestData.Relu.BackwardReference(y, g.Data, dz);
        Dense.BackwardReference(x.Data, dense.Kernel.Value.Data, dz, new float[42], expected, new float[5], 6, 7, 5);
        WithReferenceLayers(false, () => dense.Backward(g));
        Assert.Equal(expected, dense.Kernel.Gradient.Data);
    }

    [Fact]
    public void Training_with_the_fast_layers_follows_the_reference_layers()
    {
        var (x, y) = Mnist(256);
        var fast = Train(x, y, threads: 2, reference: false);
        var reference = Train(x, y, threads: 2, reference: true);
        for (int p = 0; p < fast.Count; p++)
        {
            float[] a = fast[p].Value.Data, b = reference[p].Value.Data;
            double largest = b.Max(Math.Abs);
            double worst = a.Zip(b, (u, v) => Math.Abs(u - v)).Max();
            // Eight steps of different rounding: far below any change a learning step makes (~1e-2 of the largest weight).
            Assert.True(worst <= 1e-4 * largest, $"parameter {p} ({fast[p]}): fast and reference differ by {worst:g3} (largest weight {largest:g3}).");
        }
    }

    [Fact]
    public void The_same_seed_and_thread_count_give_the_same_weights_to_the_bit()
    {
        var (x, y) = Mnist(256);
        AssertSameWeights(Train(x, y, threads: 2), Train(x, y, threads: 2));
        AssertSameWeights(Train(x, y, threads: 1), Train(x, y, threads: 1));
    }

    [Fact]
    public void One_or_two_threads_give_the_same_weights_to_the_bit()
    {
        // Every sum in the fast layers has an order fixed by the shapes, never by the thread count.
        var (x, y) = Mnist(256);
        AssertSameWeights(Train(x, y, threads: 1), Train(x, y, threads: 2));
    }

    [Fact]
    public void The_forced_scalar_fallback_trains_like_the_simd_path()
    {
        var (x, y) = Mnist(256);
        bool saved = ComputeSettings.ForceScalar;
        List<Parameter> scalar;
        try
        {
            ComputeSettings.ForceScalar = true;
            scalar = Train(x, y, threads: 2);
        }
        finally { ComputeSettings.ForceScalar = saved; }
        var simd = Train(x, y, threads: 2);
        for (int p = 0; p < simd.Count; p++)
        {
            double largest = simd[p].Value.Data.Max(Math.Abs);
            double worst = simd[p].Value.Data.Zip(scalar[p].Value.Data, (u, v) => Math.Abs(u - v)).Max();
            Assert.True(worst <= 1e-4 * largest, $"parameter {p}: scalar and SIMD differ by {worst:g3} (largest weight {largest:g3}).");
        }
    }

    [Fact]
    public void A_training_batch_allocates_nothing_besides_the_loss_it_records()
    {
        var (x, y) = Mnist(21 * 32);
        var model = Cnn();
        model.Compile(new Adam(), Loss.CategoricalCrossEntropy, Metric.Accuracy);
        int saved = ComputeSettings.ThreadCount;
        ComputeSettings.ThreadCount = 1;   // everything on this thread, where allocations are counted
        try
        {
            var (few, many) = ((x.Slice(0, 5 * 32), y.Slice(0, 5 * 32)), (x, y));
            long Allocated((Tensor X, Tensor Y) data, int epochs)
            {
                long before = GC.GetAllocatedBytesForCurrentThread();
                model.Fit(data.X, data.Y, batchSize: 32, epochs: epochs);
                return GC.GetAllocatedBytesForCurrentThread() - before;
            }
            Allocated(many, 1);   // buffers, optimizer state, JIT
            // Fit allocates per call (order, batch tensors) and per epoch (logs): 3 − 1 epochs on 21 − 5 batches leave the batches.
            long perTwoEpochs21 = Allocated(many, 3) - Allocated(many, 1);
            long perTwoEpochs5 = Allocated(few, 3) - Allocated(few, 1);
            double perBatch = (perTwoEpochs21 - perTwoEpochs5) / (2.0 * 16);
            Assert.True(perBatch <= sizeof(double), $"a batch allocated {perBatch} bytes; only its loss in History.BatchLosses (8 bytes) should remain.");
        }
        finally { ComputeSettings.ThreadCount = saved; }
    }

    [Fact]
    public void A_smaller_last_batch_makes_no_layer_reallocate_from_epoch_to_epoch()
    {
        // 21 batches of 32 and one of 16: every epoch switches batch size twice. Each layer keeps both sizes' buffers,
        // so 3 epochs cost what 1 epoch costs plus the logs and recorded losses of the 2 extra ones, as with equal batches.
        var (x, y) = Mnist(21 * 32 + 16);
        var model = Cnn();
        model.Compile(new Adam(), Loss.CategoricalCrossEntropy, Metric.Accuracy);
        int saved = ComputeSettings.ThreadCount;
        ComputeSettings.ThreadCount = 1;
        try
        {
            var (uneven, even) = ((x, y), (x.Slice(0, 21 * 32), y.Slice(0, 21 * 32)));
            long Allocated((Tensor X, Tensor Y) data, int epochs)
            {
                long before = GC.GetAllocatedBytesForCurrentThread();
                model.Fit(data.X, data.Y, batchSize: 32, epochs: epochs);
                return GC.GetAllocatedBytesForCurrentThread() - before;
            }
            Allocated(uneven, 1);
            long unevenEpochs = Allocated(uneven, 3) - Allocated(uneven, 1);
            long evenEpochs = Allocated(even, 3) - Allocated(even, 1);
            // Two more recorded losses (one per extra epoch) and the larger capacity they need.
            Assert.True(unevenEpochs - evenEpochs <= 64, $"two epochs with a smaller last batch allocated {unevenEpochs} bytes, with equal batches {evenEpochs}.");
        }
        finally { ComputeSettings.ThreadCount = saved; }
    }

    private static List<Parameter> Train(Tensor x, Tensor y, int threads, bool reference = false)
    {
        int saved = ComputeSettings.ThreadCount;
        try
        {
            ComputeSettings.ThreadCount = threads;
            var model = Cnn();
            model.Compile(new Adam(0.002), Loss.CategoricalCrossEntropy, Metric.Accuracy);
            WithReferenceLayers(reference, () => model.Fit(x, y, batchSize: 32, epochs: 1, seed: 3));
            return model.Parameters.ToList();
        }
        finally { ComputeSettings.ThreadCount = saved; }
    }

    // Every fast kernel: conv with ReLU (first layer, no input gradient), pooling, a strided padded conv, dense + softmax.
    private static Sequential Cnn() => new(
    [
        new Conv2D(8, 3, activation: "relu"), new MaxPooling2D(2), new Conv2D(12, 3, strides: 2, padding: Padding.Same, activation: "relu"),
        new Flatten(), new Dense(16, activation: "relu"), new Dense(10, activation: "softmax"),
    ], new Shape(28, 28, 1), seed: 5);

    private static (Tensor X, Tensor Y) Mnist(int count)
    {
        var train = NotebookNet.Data.Mnist.Load(trainCount: count, testCount: 1).Train;
        return (train.Images, train.OneHot);
    }

    private static void AssertSameWeights(List<Parameter> a, List<Parameter> b)
    {
        Assert.Equal(a.Count, b.Count);
        for (int p = 0; p < a.Count; p++) Assert.Equal(a[p].Value.Data, b[p].Value.Data);
    }

    private static T WithReferenceLayers<T>(bool on, Func<T> run)
    {
        using (on ? ComputeMode.Reference() : ComputeMode.Fast()) return run();
    }
}
