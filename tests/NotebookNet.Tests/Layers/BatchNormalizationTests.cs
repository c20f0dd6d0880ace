using NotebookNet.Compute;
using NotebookNet.Layers;
using NotebookNet.Losses;
using NotebookNet.Metrics;
using NotebookNet.Optimizers;

namespace NotebookNet.Tests.Layers;

public sealed class BatchNormalizationTests
{
    private static BatchNormalization Built(BatchNormalization layer, params int[] inputShape)
    {
        layer.Build(new Shape(inputShape), new Random(0));
        return layer;
    }

    private static BatchNormalization WithRandomGammaBeta(params int[] inputShape)
    {
        var bn = Built(new BatchNormalization(), inputShape);
        var random = new Random(5);
        foreach (var p in bn.Parameters)
            for (int i = 0; i < p.Count; i++) p.Value.Data[i] = (float)(0.5 + random.NextDouble());
        return bn;
    }

    [Fact]
    public void In_training_each_channel_comes_out_with_mean_zero_and_variance_one()
    {
        var bn = Built(new BatchNormalization(), 5, 5, 3);
        var x = TestTensors.Uniform(1, 8, 5, 5, 3);
        for (int i = 0; i < x.Length; i++) x.Data[i] = 3f * x.Data[i] + (i % 3) * 10f;   // channel c centred on 10·c
        var y = bn.Forward(x, training: true);
        for (int c = 0; c < 3; c++)
        {
            var values = y.Data.Where((_, i) => i % 3 == c).Select(v => (double)v).ToArray();
            double mean = values.Average(), variance = values.Select(v => (v - mean) * (v - mean)).Average();
            Assert.True(Math.Abs(mean) < 1e-5, $"channel {c}: mean {mean}");
            Assert.True(Math.Abs(variance - 1) < 2e-3, $"channel {c}: variance {variance} (ε = 0.001 keeps it just under 1)");
        }
    }

    [Fact]
    public void Moving_statistics_follow_the_batch_with_keras_momentum()
    {
        var bn = Built(new BatchNormalization(momentum: 0.9), 2);
        var x = new Tensor([1f, 10f, 3f, 20f], 2, 2);       // channel 0: 1, 3 (μ 2, σ² 1); channel 1: 10, 20 (μ 15, σ² 25)
        bn.Forward(x, training: true);
        Assert.Equal([0.2f, 1.5f], bn.MovingMean.Value.Data);                // 0.9·0 + 0.1·μ
        Assert.Equal(0.9f + 0.1f, bn.MovingVariance.Value.Data[0], 6);        // 0.9·1 + 0.1·1
        Assert.Equal(0.9f + 2.5f, bn.MovingVariance.Value.Data[1], 5);        // 0.9·1 + 0.1·25 (biased variance)
        bn.Forward(x, training: false);                                      // inference changes nothing
        Assert.Equal([0.2f, 1.5f], bn.MovingMean.Value.Data);
    }

    [Fact]
    public void At_inference_the_moving_statistics_are_used_not_the_batch()
    {
        var bn = Built(new BatchNormalization(epsilon: 0.25), 1);
        bn.MovingMean.Value.Data[0] = 2f;
        bn.MovingVariance.Value.Data[0] = 4f - 0.25f;                        // √(σ² + ε) = 2
        bn.Gamma.Value.Data[0] = 3f;
        bn.Beta.Value.Data[0] = 1f;
        var y = bn.Forward(new Tensor([2f, 4f, 8f], 3, 1), training: false);
        Assert.Equal([1f, 4f, 10f], y.Data);                                 // 3·(x − 2)/2 + 1
    }

    [Theory]
    // batch, then the sample shape (channels last)
    [InlineData(6, new[] { 4 })]
    [InlineData(3, new[] { 3, 3, 5 })]
    [InlineData(2, new[] { 4, 3, 9 })]          // 9 channels: a full vector of 8 and a scalar tail
    [InlineData(1, new[] { 2, 2, 17 })]
    public void Gradients_in_training_mode_match_central_differences(int batch, int[] sample)
    {
        var bn = WithRandomGammaBeta(sample);
        GradientCheck.AssertGradientsMatch(bn, TestTensors.Uniform(3, [batch, .. sample]));
    }

    [Fact]
    public void Gradients_after_an_inference_forward_treat_the_moving_statistics_as_constants()
    {
        var bn = WithRandomGammaBeta(3, 3, 4);
        bn.MovingMean.Value.Data.AsSpan().Fill(0.3f);
        bn.MovingVariance.Value.Data.AsSpan().Fill(0.7f);
        var x = TestTensors.Uniform(2, 2, 3, 3, 4);
        var r = TestTensors.Uniform(4, 2, 3, 3, 4);
        bn.Forward(x, training: false);
        var dx = bn.Backward(r).Clone();
        for (int i = 0; i < x.Length; i += 7)
        {
            float saved = x.Data[i];
            x.Data[i] = saved + 0.01f;
            double plus = GradientCheck.Dot(bn.Forward(x, training: false), r);
            x.Data[i] = saved - 0.01f;
            double minus = GradientCheck.Dot(bn.Forward(x, training: false), r);
            x.Data[i] = saved;
            Assert.Equal((plus - minus) / 0.02, dx.Data[i], 3);
        }
    }

    [Theory]
    [InlineData(5000, 32)]   // 5000 rows (e.g. 8 images of 25×25) × 32 channels
    [InlineData(300, 13)]
    [InlineData(7, 1)]
    public void The_fast_kernels_agree_with_the_reference_loops(int rows, int channels)
    {
        var x = TestTensors.Uniform(8, rows, channels);
        for (int i = 0; i < x.Length; i++) x.Data[i] = 4f * x.Data[i] + 100f;   // a large mean tests the two-pass variance
        var g = TestTensors.Uniform(9, rows, channels);
        var gamma = TestTensors.Uniform(10, channels).Data;
        var beta = TestTensors.Uniform(11, channels).Data;
        var (floats, doubles) = BatchNormFast.ScratchLength(channels);
        var (scratch, doubleScratch) = (new float[floats], new double[doubles]);

        var (meanR, varR, meanF, varF) = (new float[channels], new float[channels], new float[channels], new float[channels]);
        BatchNormalization.BatchStatisticsReference(x.Data, meanR, varR, rows, channels);
        // Twice with the same scratch, as the layer calls it batch after batch: nothing may carry over.
        BatchNormFast.BatchStatistics(g.Data, meanF, varF, rows, channels, scratch, doubleScratch);
        BatchNormFast.BatchStatistics(x.Data, meanF, varF, rows, channels, scratch, doubleScratch);
        AssertClose(meanR, meanF, 1e-6);
        AssertClose(varR, varF, 1e-5);

        var inv = varR.Select(v => (float)(1 / Math.Sqrt(v + 1e-3))).ToArray();
        var (hR, yR, hF, yF) = (new float[x.Length], new float[x.Length], new float[x.Length], new float[x.Length]);
        BatchNormalization.NormalizeReference(x.Data, meanR, inv, gamma, beta, hR, yR, rows, channels);
        BatchNormFast.Normalize(x.Data, meanR, inv, gamma, beta, hF, yF, rows, channels);
        AssertClose(yR, yF, 1e-6);

        foreach (bool training in new[] { true, false })
        {
            var (dxR, dgR, dbR) = (new float[x.Length], new float[channels], new float[channels]);
            var (dxF, dgF, dbF) = (new float[x.Length], new float[channels], new float[channels]);
            BatchNormalization.BackwardReference(g.Data, hR, gamma, inv, dxR, dgR, dbR, rows, channels, training);
            BatchNormFast.Backward(g.Data, hR, gamma, inv, dxF, dgF, dbF, rows, channels, training, scratch, doubleScratch);
            AssertClose(dgR, dgF, 1e-5);
            AssertClose(dbR, dbF, 1e-5);
            AssertClose(dxR, dxF, 1e-5);
        }
    }

    [Fact]
    public void Inside_a_reference_scope_the_layer_runs_the_loops_of_its_file_with_the_same_results()
    {
        var (fast, reference) = (WithRandomGammaBeta(5, 5, 12), WithRandomGammaBeta(5, 5, 12));
        var x = TestTensors.Uniform(12, 4, 5, 5, 12);
        var g = TestTensors.Uniform(13, 4, 5, 5, 12);
        var yFast = fast.Forward(x, training: true).Clone();
        var dxFast = fast.Backward(g).Clone();
        Tensor yReference, dxReference;
        using (ComputeMode.Reference())
        {
            yReference = reference.Forward(x, training: true).Clone();
            dxReference = reference.Backward(g).Clone();
        }
        AssertClose(yReference.Data, yFast.Data, 1e-5);
        AssertClose(dxReference.Data, dxFast.Data, 1e-5);
        AssertClose(reference.Gamma.Gradient.Data, fast.Gamma.Gradient.Data, 1e-5);
        AssertClose(reference.MovingVariance.Value.Data, fast.MovingVariance.Value.Data, 1e-6);
        // The reference loops really ran: they sum in double, the fast ones in float blocks, so some bits differ.
        Assert.NotEqual(yReference.Data, yFast.Data);
    }

    [Fact]
    public void The_summary_counts_four_values_per_channel_of_which_two_are_trainable()
    {
        var model = new Sequential(new Shape(28, 28, 1));
        model.Add(new Conv2D(32, 3));
        model.Add(new BatchNormalization());
        model.Add(new Flatten());
        model.Add(new Dense(10, activation: "softmax"));
        var summary = model.Summary();
        var row = summary.Rows[1];
        Assert.Equal(("batch_normalization", "BatchNormalization"), (row.LayerName, row.TypeName));
        Assert.Equal(128, row.ParameterCount);
        Assert.Equal(64, row.NonTrainableCount);
        Assert.StartsWith("4·32 = 128", row.ParameterFormula);
        Assert.Equal(64, summary.NonTrainableParameters);
        Assert.Equal(summary.TotalParameters - 64, summary.TrainableParameters);
        Assert.Equal(summary.TrainableParameters, model.ParameterCount);      // the optimizer sees only γ and β
        Assert.Contains("Non-trainable params: 64 (256.00 B)", summary.ToString());
        // Without it, the last line reads as Keras prints it (and as the README's example output shows).
        var plain = new Sequential([new Flatten(), new Dense(10)], new Shape(28, 28, 1)).Summary().ToString();
        Assert.EndsWith("Non-trainable params: 0 (0.00 B)", plain);
    }

    [Fact]
    public void Training_a_small_convnet_with_batch_normalization_lowers_the_loss()
    {
        var model = new Sequential(new Shape(8, 8, 1), seed: 3);
        model.Add(new Conv2D(4, 3));
        model.Add(new BatchNormalization(momentum: 0.5));
        model.Add(new ReLU());
        model.Add(new GlobalAveragePooling2D());
        model.Add(new Dense(2, activation: "softmax"));
        model.Compile(new Adam(0.05), Loss.CategoricalCrossEntropy, Metric.Accuracy);
        // Class 1: a bright left half; class 0: a bright right half.
        var (x, y) = (new Tensor(64, 8, 8, 1), new Tensor(64, 2));
        var random = new Random(1);
        for (int n = 0; n < 64; n++)
        {
            int label = n % 2;
            y[n, label] = 1f;
            for (int i = 0; i < 8; i++)
            for (int j = 0; j < 8; j++)
                x[n, i, j, 0] = (float)random.NextDouble() * 0.3f + ((j < 4) == (label == 1) ? 0.7f : 0f);
        }
        var history = model.Fit(x, y, batchSize: 16, epochs: 15, verbose: false);
        Assert.True(history.Loss[^1] < history.Loss[0] / 2, $"loss {history.Loss[0]} → {history.Loss[^1]}");
        Assert.True(model.Evaluate(x, y).Accuracy > 0.9);
    }

    [Fact]
    public void Saved_weights_carry_the_moving_statistics_so_predictions_after_loading_are_identical()
    {
        Sequential Model(int seed)
        {
            var model = new Sequential(new Shape(6, 6, 2), seed: seed);
            model.Add(new Conv2D(3, 3));
            model.Add(new BatchNormalization(momentum: 0.5));
            model.Add(new AveragePooling2D(2, padding: Padding.Same));
            model.Add(new GlobalAveragePooling2D());
            model.Add(new Dense(2, activation: "softmax"));
            model.Compile(new Adam(0.01), Loss.CategoricalCrossEntropy);
            return model;
        }
        var trained = Model(1);
        var x = TestTensors.Uniform(3, 20, 6, 6, 2);
        var y = new Tensor(20, 2);
        for (int n = 0; n < 20; n++) y[n, n % 2] = 1f;
        trained.Fit(x, y, batchSize: 5, epochs: 2);
        var bn = (BatchNormalization)trained.Layers[1];
        Assert.NotEqual(0f, bn.MovingMean.Value.Data[0]);                     // training moved the statistics

        string path = Path.Combine(Path.GetTempPath(), $"notebooknet-bn-{Guid.NewGuid():N}.nbw");
        try
        {
            trained.SaveWeights(path);
            var loaded = Model(2);
            loaded.LoadWeights(path);
            Assert.Equal(bn.MovingVariance.Value.Data, ((BatchNormalization)loaded.Layers[1]).MovingVariance.Value.Data);
            Assert.Equal(trained.Predict(x).Data, loaded.Predict(x).Data);
        }
        finally { File.Delete(path); }
    }

    [Theory]
    [InlineData(1.0, 0.001, "momentum=1")]
    [InlineData(-0.1, 0.001, "momentum=-0.1")]
    [InlineData(0.99, 0.0, "epsilon=0")]
    [InlineData(0.99, -1.0, "epsilon=-1")]
    public void Bad_constructor_arguments_are_rejected_echoing_the_value(double momentum, double epsilon, string echoed)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new BatchNormalization(momentum, epsilon));
        Assert.StartsWith($"BatchNormalization: received {echoed};", error.Message);
    }

    [Fact]
    public void Backward_before_forward_is_an_error_naming_the_layer()
    {
        var bn = Built(new BatchNormalization(name: "bn"), 3);
        var error = Assert.Throws<InvalidOperationException>(() => bn.Backward(new Tensor(2, 3)));
        Assert.Contains("'bn'", error.Message);
    }

    private static void AssertClose(float[] expected, float[] actual, double relative)
    {
        double scale = Math.Max(1, expected.Max(v => Math.Abs((double)v)));
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= relative * scale, $"[{i}]: reference {expected[i]}, fast {actual[i]}");
    }
}
