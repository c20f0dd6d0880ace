using System.Globalization;

namespace NotebookNet.Layers;

/// <summary>
/// Inverted dropout: in training, each value is zeroed with probability <see cref="Rate"/> and the survivors are
/// scaled by 1/(1 − rate), so every value keeps its expected size; at inference the layer is the identity.
/// Any input shape. Keras's <c>Dropout(rate, seed)</c>.
/// </summary>
/// <example><code>model.Add(new Dropout(0.5));</code></example>
public sealed class Dropout : Layer
{
    private readonly BatchBuffer _outputs = new();
    private readonly BatchBuffer _inputGradients = new();
    private Random? _random;
    private float[]? _mask;          // 0 or 1/(1 − rate) per value of the last training batch
    private int _maskLength;
    private int[]? _lastShape;
    private bool _lastWasTraining;

    /// <summary>Creates the layer.</summary>
    /// <param name="rate">Fraction of values to drop, in [0, 1).</param>
    /// <param name="seed">Seed of the mask sequence; when null it is drawn from the model's seeded random source at Build.</param>
    /// <param name="name">The layer's name; the model gives one when null.</param>
    public Dropout(double rate, int? seed = null, string? name = null) : base(name)
    {
        if (!(rate >= 0 && rate < 1))
            throw new ArgumentOutOfRangeException(nameof(rate), $"Dropout: received rate={rate.ToString(CultureInfo.InvariantCulture)}; rate must be in [0, 1) (the fraction of values dropped).");
        Rate = rate;
        Seed = seed;
    }

    /// <summary>Fraction of values dropped in training.</summary>
    public double Rate { get; }

    /// <summary>The seed given to the constructor, if any.</summary>
    public int? Seed { get; }

    /// <inheritdoc/>
    public override Shape ComputeOutputShape(Shape inputShape) => inputShape;

    /// <inheritdoc/>
    protected override void CreateWeights(Shape inputShape, Random random) =>
        _random = new Random(Seed ?? random.Next());

    /// <summary>In training, a new random mask times the input; otherwise the input itself.</summary>
    public override Tensor Forward(Tensor input, bool training)
    {
        CheckInput(input);
        _lastShape = input.Shape;
        _lastWasTraining = training && Rate > 0;
        if (!_lastWasTraining) return input;

        var random = _random ?? throw Require.NotBuilt(this);
        if (_mask is null || _mask.Length < input.Length) _mask = new float[input.Length];   // grown, never shrunk
        _maskLength = input.Length;
        float keptScale = (float)(1.0 / (1.0 - Rate));
        for (int i = 0; i < _maskLength; i++) _mask[i] = random.NextDouble() < Rate ? 0f : keptScale;

        var output = _outputs.GetLike(input);
        for (int i = 0; i < _maskLength; i++) output.Data[i] = input.Data[i] * _mask[i];
        return output;
    }

    /// <summary>The gradient times the same mask (dropped values pass no gradient); unchanged after an inference Forward.</summary>
    public override Tensor Backward(Tensor outputGradient)
    {
        var shape = _lastShape ?? throw NoForward();
        Require.SameShape(this, outputGradient, shape);
        if (!_lastWasTraining) return outputGradient;

        var inputGradient = _inputGradients.GetLike(outputGradient);
        for (int i = 0; i < _maskLength; i++) inputGradient.Data[i] = outputGradient.Data[i] * _mask![i];
        return inputGradient;
    }
}
