using NotebookNet.Layers;

namespace NotebookNet.Tests;

/// <summary>The checker itself must fail on wrong gradients, including subtle ones, or its passes mean nothing.</summary>
public sealed class GradientCheckTests
{
    public enum Bug { None, MissingFactorTwo, MissingNeighbourTerm, ParameterGradientOfFirstSampleOnly }

    /// <summary>y[n, i] = s[i]·x[n, i]² + 0.1·x[n, i − 1], with a deliberate mistake in Backward.</summary>
    private sealed class TestLayer(Bug bug) : Layer("test")
    {
        private Parameter? _scale;
        private Tensor? _input;

        public override IReadOnlyList<Parameter> Parameters => _scale is null ? [] : [_scale];

        public override Shape ComputeOutputShape(Shape inputShape) => inputShape;

        protected override void CreateWeights(Shape inputShape, Random random) =>
            _scale = new Parameter("scale", TestTensors.Uniform(random, inputShape[0]));

        public override Tensor Forward(Tensor input, bool training)
        {
            CheckInput(input);
            _input = input;
            int d = input.Shape[1];
            var y = new Tensor(input.Shape);
            for (int n = 0; n < input.Shape[0]; n++)
            for (int i = 0; i < d; i++)
                y[n, i] = _scale!.Value.Data[i] * input[n, i] * input[n, i] + (i > 0 ? 0.1f * input[n, i - 1] : 0f);
            return y;
        }

        public override Tensor Backward(Tensor outputGradient)
        {
            var x = _input!;
            var s = _scale!;
            int d = x.Shape[1];
            var dx = new Tensor(x.Shape);
            s.Gradient.Span.Clear();
            for (int n = 0; n < x.Shape[0]; n++)
            for (int i = 0; i < d; i++)
            {
                float r = outputGradient[n, i];
                float factor = bug == Bug.MissingFactorTwo ? 1f : 2f;
                float neighbour = i + 1 < d && bug != Bug.MissingNeighbourTerm ? 0.1f * outputGradient[n, i + 1] : 0f;
                dx[n, i] = factor * s.Value.Data[i] * x[n, i] * r + neighbour;
                if (n == 0 || bug != Bug.ParameterGradientOfFirstSampleOnly) s.Gradient.Data[i] += x[n, i] * x[n, i] * r;
            }
            return dx;
        }
    }

    private static double WorstError(Bug bug)
    {
        var layer = new TestLayer(bug);
        layer.Build(new Shape(6), new Random(3));
        return GradientCheck.Compare(layer, TestTensors.Uniform(4, 3, 6))[0].RelativeError;
    }

    [Fact]
    public void A_correct_backward_passes_with_a_wide_margin() =>
        Assert.True(WorstError(Bug.None) < GradientCheck.Tolerance / 10, $"worst relative error {WorstError(Bug.None)}");

    [Theory]
    [InlineData(Bug.MissingFactorTwo)]
    [InlineData(Bug.MissingNeighbourTerm)]
    [InlineData(Bug.ParameterGradientOfFirstSampleOnly)]
    public void A_wrong_backward_is_caught(Bug bug) =>
        Assert.True(WorstError(bug) > GradientCheck.Tolerance, $"{bug}: worst relative error {WorstError(bug)} went unnoticed");
}
