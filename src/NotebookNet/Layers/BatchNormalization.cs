using System.Globalization;

namespace NotebookNet.Layers;

/// <summary>
/// Batch normalization over the last axis (the channels of an NHWC image, the features of a vector), as Keras's
/// <c>BatchNormalization(axis=-1)</c>. Every value of channel c is normalised and then scaled and shifted:
/// <c>y = γ[c]·(x − μ[c]) / √(σ²[c] + ε) + β[c]</c>.
/// <list type="bullet">
/// <item>Training (<c>Forward(x, training: true)</c>): μ and σ² are the mean and (biased) variance of channel c over
///   the batch and every position, and the moving statistics follow them:
///   <c>moving = momentum·moving + (1 − momentum)·batch statistic</c>.</item>
/// <item>Inference: μ and σ² are the moving mean and variance.</item>
/// </list>
/// γ ("gamma", ones) and β ("beta", zeros) are trained; the moving mean (zeros) and variance (ones) are
/// <see cref="Layer.NonTrainableWeights"/>: saved with the model, shown as non-trainable in the summary.
/// Defaults as Keras: momentum 0.99, ε = 0.001. Parameters: 4·channels, of which 2·channels are trainable.
/// </summary>
/// <example><code>
/// model.Add(new Conv2D(32, 3));
/// model.Add(new BatchNormalization());   // (26, 26, 32) → (26, 26, 32), 4·32 = 128 parameters (64 non-trainable)
/// model.Add(new ReLU());
/// </code></example>
public sealed class BatchNormalization : Layer
{
    private Parameter? _gamma, _beta, _movingMean, _movingVariance;
    private Parameter[] _parameters = [], _nonTrainable = [];
    private readonly BatchBuffer _outputs = new();
    private readonly BatchBuffer _normalized = new();
    private readonly BatchBuffer _inputGradients = new();
    private float[] _mean = [], _variance = [], _inverseStd = [];
    private Tensor? _xHat;            // x̂ of the last Forward, shaped like its input
    private bool _lastWasTraining;
    private readonly BatchNormOp _op = new();   // the reference loops below, or their fast twin

    /// <summary>Creates a batch normalization layer over the last axis.</summary>
    /// <param name="momentum">Weight of the old moving statistics in each update, in [0, 1). Keras: 0.99.</param>
    /// <param name="epsilon">Added to the variance before the square root (&gt; 0). Keras: 0.001.</param>
    /// <param name="name">The layer's name; the model gives one when null.</param>
    public BatchNormalization(double momentum = 0.99, double epsilon = 1e-3, string? name = null) : base(name)
    {
        if (!(momentum >= 0 && momentum < 1))
            throw new ArgumentOutOfRangeException(nameof(momentum),
                $"BatchNormalization: received momentum={momentum.ToString(CultureInfo.InvariantCulture)}; momentum must be in [0, 1).");
        if (!(epsilon > 0) || double.IsInfinity(epsilon))
            throw new ArgumentOutOfRangeException(nameof(epsilon),
                $"BatchNormalization: received epsilon={epsilon.ToString(CultureInfo.InvariantCulture)}; epsilon must be a positive number.");
        Momentum = momentum;
        Epsilon = epsilon;
    }

    /// <summary>Weight of the old moving statistics in each training update.</summary>
    public double Momentum { get; }

    /// <summary>Added to the variance before the square root.</summary>
    public double Epsilon { get; }

    /// <summary>Number of channels normalised (the last dimension of the input, after Build).</summary>
    public int Channels => InputShape[InputShape.Rank - 1];

    /// <summary>Scale γ, shape <c>[channels]</c>, trainable (after Build).</summary>
    public Parameter Gamma => _gamma ?? throw Require.NotBuilt(this);

    /// <summary>Shift β, shape <c>[channels]</c>, trainable (after Build).</summary>
    public Parameter Beta => _beta ?? throw Require.NotBuilt(this);

    /// <summary>Moving mean used at inference, shape <c>[channels]</c>, non-trainable (after Build).</summary>
    public Parameter MovingMean => _movingMean ?? throw Require.NotBuilt(this);

    /// <summary>Moving variance used at inference, shape <c>[channels]</c>, non-trainable (after Build).</summary>
    public Parameter MovingVariance => _movingVariance ?? throw Require.NotBuilt(this);

    /// <inheritdoc/>
    public override IReadOnlyList<Parameter> Parameters => _parameters;

    /// <summary>The moving mean and moving variance.</summary>
    public override IReadOnlyList<Parameter> NonTrainableWeights => _nonTrainable;

    /// <summary>E.g. "4·32 = 128 (γ, β trained; moving μ, σ² not: 64)".</summary>
    public override string ParameterFormula =>
        $"4·{Channels} = {Require.Count(4L * Channels)} (γ, β trained; moving μ, σ² not: {Require.Count(2L * Channels)})";

    /// <inheritdoc/>
    public override Shape ComputeOutputShape(Shape inputShape)
    {
        ArgumentNullException.ThrowIfNull(inputShape);
        if (inputShape.Rank < 1 || inputShape[inputShape.Rank - 1] < 1)
            throw Mismatch("(..., channels): at least one axis, the last one normalised", inputShape);
        return inputShape;
    }

    /// <summary>γ ones, β zeros, moving mean zeros, moving variance ones (Keras's initializers).</summary>
    protected override void CreateWeights(Shape inputShape, Random random)
    {
        int c = inputShape[inputShape.Rank - 1];
        _gamma = new Parameter("gamma", Tensor.Full(1f, c));
        _beta = new Parameter("beta", new Tensor(c));
        _movingMean = new Parameter("moving_mean", new Tensor(c));
        _movingVariance = new Parameter("moving_variance", Tensor.Full(1f, c));
        _parameters = [_gamma, _beta];
        _nonTrainable = [_movingMean, _movingVariance];
        _mean = new float[c];
        _variance = new float[c];
        _inverseStd = new float[c];
    }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input, bool training)
    {
        CheckInput(input);
        int channels = Channels, rows = input.Length / channels;
        if (training && rows < 1)
            throw new ArgumentException($"Layer '{Name}' (BatchNormalization): a training batch needs at least one sample.", nameof(input));
        var output = _outputs.GetLike(input);
        var xHat = _normalized.GetLike(input);
        if (training)
        {
            // The batch's μ and σ² per channel, then the moving averages follow them.
            _op.BatchStatistics(input.Span, _mean, _variance, rows, channels);
            UpdateMovingStatistics();
            for (int c = 0; c < channels; c++) _inverseStd[c] = (float)(1.0 / Math.Sqrt(_variance[c] + Epsilon));
        }
        else
        {
            for (int c = 0; c < channels; c++)
            {
                _mean[c] = MovingMean.Value.Data[c];
                _inverseStd[c] = (float)(1.0 / Math.Sqrt(MovingVariance.Value.Data[c] + Epsilon));
            }
        }
        _op.Normalize(input.Span, _mean, _inverseStd, Gamma.Value.Span, Beta.Value.Span, xHat.Span, output.Span, rows, channels);
        _xHat = xHat;
        _lastWasTraining = training;
        return output;
    }

    /// <summary>
    /// After a training Forward, μ and σ² depend on every value of the batch, so each input's gradient has three terms;
    /// after an inference Forward they are constants and dx = γ·g/√(σ² + ε) (what <see cref="Sequential.InputGradient(Tensor, int, int)"/>
    /// needs). Either way dγ = Σ g·x̂ and dβ = Σ g.
    /// </summary>
    public override Tensor Backward(Tensor outputGradient)
    {
        var xHat = _xHat ?? throw NoForward();
        Require.SameShape(this, outputGradient, xHat.Shape);
        int channels = Channels, rows = xHat.Length / channels;
        var inputGradient = _inputGradients.GetLike(xHat);
        _op.Backward(outputGradient.Span, xHat.Span, Gamma.Value.Span, _inverseStd, inputGradient.Span,
            Gamma.Gradient.Span, Beta.Gradient.Span, rows, channels, _lastWasTraining);
        return inputGradient;
    }

    // moving = momentum·moving + (1 − momentum)·batch statistic.
    private void UpdateMovingStatistics()
    {
        var mean = MovingMean.Value.Data;
        var variance = MovingVariance.Value.Data;
        for (int c = 0; c < mean.Length; c++)
        {
            mean[c] = (float)(Momentum * mean[c] + (1 - Momentum) * _mean[c]);
            variance[c] = (float)(Momentum * variance[c] + (1 - Momentum) * _variance[c]);
        }
    }

    /// <summary>μ[c] = (1/M)·Σ_r x[r, c] and the biased σ²[c] = (1/M)·Σ_r (x[r, c] − μ[c])² over the M rows
    /// (N·H·W for images), summed in double.</summary>
    internal static void BatchStatisticsReference(ReadOnlySpan<float> input, Span<float> mean, Span<float> variance, int rows, int channels)
    {
        for (int c = 0; c < channels; c++)
        {
            double sum = 0;
            for (int r = 0; r < rows; r++) sum += input[r * channels + c];
            double mu = sum / rows;
            double squares = 0;
            for (int r = 0; r < rows; r++)
            {
                double d = input[r * channels + c] - mu;
                squares += d * d;
            }
            mean[c] = (float)mu;
            variance[c] = (float)(squares / rows);
        }
    }

    /// <summary>x̂[r, c] = (x[r, c] − μ[c])·inverseStd[c]; y[r, c] = γ[c]·x̂[r, c] + β[c].</summary>
    internal static void NormalizeReference(ReadOnlySpan<float> input, ReadOnlySpan<float> mean, ReadOnlySpan<float> inverseStd,
        ReadOnlySpan<float> gamma, ReadOnlySpan<float> beta, Span<float> xHat, Span<float> output, int rows, int channels)
    {
        for (int r = 0; r < rows; r++)
        for (int c = 0; c < channels; c++)
        {
            int i = r * channels + c;
            xHat[i] = (input[i] - mean[c]) * inverseStd[c];
            output[i] = gamma[c] * xHat[i] + beta[c];
        }
    }

    /// <summary>
    /// dβ[c] = Σ_r g, dγ[c] = Σ_r g·x̂. Training: dx = γ·inverseStd·(g − dβ/M − x̂·dγ/M) (the chain rule through μ and
    /// σ², which depend on every x of the channel). Inference: dx = γ·inverseStd·g.
    /// </summary>
    internal static void BackwardReference(ReadOnlySpan<float> outputGradient, ReadOnlySpan<float> xHat, ReadOnlySpan<float> gamma,
        ReadOnlySpan<float> inverseStd, Span<float> inputGradient, Span<float> gammaGradient, Span<float> betaGradient,
        int rows, int channels, bool training)
    {
        for (int c = 0; c < channels; c++)
        {
            double sumG = 0, sumGx = 0;
            for (int r = 0; r < rows; r++)
            {
                int i = r * channels + c;
                sumG += outputGradient[i];
                sumGx += (double)outputGradient[i] * xHat[i];
            }
            betaGradient[c] = (float)sumG;
            gammaGradient[c] = (float)sumGx;
            double k = gamma[c] * inverseStd[c];
            double meanG = training ? sumG / rows : 0, meanGx = training ? sumGx / rows : 0;
            for (int r = 0; r < rows; r++)
            {
                int i = r * channels + c;
                inputGradient[i] = (float)(k * (outputGradient[i] - meanG - xHat[i] * meanGx));
            }
        }
    }
}
