using NotebookNet.Losses;

namespace NotebookNet.Tests.Losses;

public sealed class LossTests
{
    public static TheoryData<string> Names => ["mse", "bce", "cce", "scce"];

    [Theory]
    [MemberData(nameof(Names))]
    public void Every_loss_gradient_matches_central_differences(string name)
    {
        var (loss, p, y) = Case(name);
        var analytic = new Tensor(p.Shape);
        loss.Compute(p, y, analytic);
        double worst = 0;
        for (int i = 0; i < p.Length; i++)
        {
            float saved = p.Data[i];
            const float h = 1e-3f;
            p.Data[i] = saved + h; double plus = loss.Compute(p, y, null);
            p.Data[i] = saved - h; double minus = loss.Compute(p, y, null);
            p.Data[i] = saved;
            double numeric = (plus - minus) / (2 * h);
            worst = Math.Max(worst, Math.Abs(numeric - analytic.Data[i]) / Math.Max(1e-3, Math.Abs(numeric) + Math.Abs(analytic.Data[i])));
        }
        Assert.True(worst < 1e-2, $"{loss.Name}: worst relative error {worst:E2}");
    }

    [Theory]
    [InlineData("cce")]
    [InlineData("scce")]
    public void The_fused_softmax_gradient_equals_the_chain_rule_through_softmax(string name)
    {
        var (loss, _, y) = Case(name);
        var logits = new Tensor([0.5f, -1f, 2f, 0.1f, 3f, -2f, 0f, 1f], 2, 4);
        var p = Softmax(logits);
        var fused = new Tensor(p.Shape);
        double fusedLoss = loss.ComputeFromSoftmax(p, y, fused);
        Assert.Equal(loss.Compute(p, y, null), fusedLoss, 9);
        // Chain rule: dL/dz_j = Σ_k dL/dp_k · p_k (δ_kj − p_j), for each sample.
        var dp = new Tensor(p.Shape);
        loss.Compute(p, y, dp);
        for (int n = 0; n < 2; n++)
            for (int j = 0; j < 4; j++)
            {
                double chain = 0;
                for (int k = 0; k < 4; k++) chain += dp[n, k] * p[n, k] * ((k == j ? 1 : 0) - p[n, j]);
                Assert.Equal(chain, fused[n, j], 5);
            }
    }

    [Fact]
    public void Cross_entropy_stays_finite_when_a_probability_is_zero()
    {
        var p = new Tensor([0f, 1f], 1, 2);
        var y = new Tensor([1f, 0f], 1, 2);
        double loss = Loss.CategoricalCrossEntropy.Compute(p, y, new Tensor(1, 2));
        Assert.True(double.IsFinite(loss));
        Assert.Equal(-Math.Log(1e-7), loss, 2);
    }

    [Fact]
    public void Sparse_targets_outside_the_classes_are_rejected_with_their_index_and_value()
    {
        var e = Assert.Throws<ArgumentException>(() =>
            Loss.SparseCategoricalCrossEntropy.CheckTargets(new Shape(10), new Tensor([3f, 12f], 2), "y"));
        Assert.Contains("y[1] = 12", e.Message);
    }

    private static (Loss Loss, Tensor P, Tensor Y) Case(string name)
    {
        var p = Softmax(new Tensor([0.2f, 1.5f, -0.3f, 0.7f, 0.1f, -1.2f, 2.0f, 0.4f], 2, 4));
        return name switch
        {
            "mse" => (Loss.MeanSquaredError, p, new Tensor([0f, 1f, 0.5f, 0.2f, 1f, 0f, 0.3f, 0.9f], 2, 4)),
            "bce" => (Loss.BinaryCrossEntropy, p, new Tensor([0f, 1f, 1f, 0f, 1f, 0f, 1f, 1f], 2, 4)),
            "cce" => (Loss.CategoricalCrossEntropy, p, new Tensor([0f, 1f, 0f, 0f, 0f, 0f, 1f, 0f], 2, 4)),
            _ => (Loss.SparseCategoricalCrossEntropy, p, new Tensor([1f, 2f], 2)),
        };
    }

    private static Tensor Softmax(Tensor z)
    {
        var p = z.Clone();
        for (int n = 0; n < z.Shape[0]; n++)
        {
            var row = p.Data.AsSpan(n * z.Shape[1], z.Shape[1]);
            float max = System.Numerics.Tensors.TensorPrimitives.Max(row);
            double sum = 0;
            for (int k = 0; k < row.Length; k++) sum += row[k] = MathF.Exp(row[k] - max);
            for (int k = 0; k < row.Length; k++) row[k] /= (float)sum;
        }
        return p;
    }
}
