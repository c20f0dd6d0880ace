namespace NotebookNet.Inspection;

/// <summary>An image made by <see cref="DeepDream"/> and the activation it was climbing, before and after.</summary>
/// <param name="Image">The dream, shaped like one input batch of one sample, e.g. <c>[1, 28, 28, 1]</c>, in [0, 1].</param>
/// <param name="StartActivation">The target's activation for the start image.</param>
/// <param name="FinalActivation">The target's activation for the dream.</param>
public sealed record Dream(Tensor Image, double StartActivation, double FinalActivation)
{
    /// <summary>True when the climb made the target respond more than the start image did.</summary>
    public bool Rose => FinalActivation > StartActivation;
}

/// <summary>
/// Activation maximisation ("Deep Dream"): start from a grey image with a little noise and climb the gradient of
/// one activation with respect to the input, x ← clamp(x + η·g / rms(g), 0, 1), so that the image drifts towards
/// what the unit answers to most. The target is a unit (one position of a channel, the centre of the map), a whole
/// channel (its mean over the map: the pattern appears everywhere) or a class (one score of a dense layer).
/// Every step checks <see cref="Interruption"/>: interrupting the cell stops the climb with a message.
/// </summary>
/// <example><code>
/// var edge = DeepDream.Unit(model, layerIndex: 0, channel: 3);          // the patch filter 3 likes most
/// var texture = DeepDream.Channel(model, layerIndex: 2, channel: 5);    // its pattern over the whole image
/// var seven = DeepDream.Class(model, layerIndex: 5, classIndex: 7);     // the score of class 7, before the softmax
/// </code></example>
public static class DeepDream
{
    /// <summary>The start: 0.5 plus uniform noise in [−0.1, 0.1) at every input value, from <paramref name="seed"/>.</summary>
    public static Tensor Start(Shape inputShape, int seed)
    {
        ArgumentNullException.ThrowIfNull(inputShape);
        var random = new Random(seed);
        var x = new Tensor(inputShape.WithBatch(1));
        for (int i = 0; i < x.Length; i++) x.Data[i] = 0.5f + 0.2f * (float)(random.NextDouble() - 0.5);
        return x;
    }

    /// <summary>The unit of <paramref name="channel"/> at the centre of layer <paramref name="layerIndex"/>'s feature
    /// maps. Its field is a small patch (see <see cref="ReceptiveField"/>). The start's seed defaults to the channel.</summary>
    public static Dream Unit(Sequential model, int layerIndex, int channel, int steps = 30, float stepSize = 0.05f, int? seed = null)
    {
        var shape = MapShape(model, layerIndex, nameof(Unit));
        CheckUnit(model, layerIndex, channel, shape[2]);
        var target = new Tensor(shape.WithBatch(1));     // 1 at the centre unit, 0 elsewhere
        target[0, shape[0] / 2, shape[1] / 2, channel] = 1;
        return Climb(model, layerIndex, nameof(Unit), x => model.InputGradient(x, layerIndex, target),
            a => a[0, shape[0] / 2, shape[1] / 2, channel], steps, stepSize, seed ?? channel);
    }

    /// <summary>The mean activation of <paramref name="channel"/> over layer <paramref name="layerIndex"/>'s whole
    /// feature map. The start's seed defaults to the channel.</summary>
    public static Dream Channel(Sequential model, int layerIndex, int channel, int steps = 40, float stepSize = 0.03f, int? seed = null)
    {
        var shape = MapShape(model, layerIndex, nameof(Channel));
        CheckUnit(model, layerIndex, channel, shape[2]);
        return Climb(model, layerIndex, nameof(Channel), x => model.InputGradient(x, layerIndex, channel),
            a => MeanOfChannel(a, channel), steps, stepSize, seed ?? channel);
    }

    /// <summary>Output <paramref name="classIndex"/> of the dense layer <paramref name="layerIndex"/>: a class score
    /// (take the layer before the softmax: a probability can also rise by making the other classes unlikely).
    /// The start's seed defaults to the class.</summary>
    public static Dream Class(Sequential model, int layerIndex, int classIndex, int steps = 60, float stepSize = 0.03f, int? seed = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        var shape = Layer(model, layerIndex).OutputShape;
        if (shape.Rank != 1)
            throw new ArgumentException($"DeepDream.Class: layer {layerIndex} '{model.Layers[layerIndex].Name}' outputs " +
                $"{shape.ToBatchString()}, not one score per class (None, classes).", nameof(layerIndex));
        CheckUnit(model, layerIndex, classIndex, shape[0]);
        return Climb(model, layerIndex, nameof(Class), x => model.InputGradient(x, layerIndex, classIndex),
            a => a[0, classIndex], steps, stepSize, seed ?? classIndex);
    }

    private static Dream Climb(Sequential model, int layerIndex, string what, Func<Tensor, Tensor> gradientOf,
        Func<Tensor, float> activationOf, int steps, float stepSize, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(steps);
        if (!(stepSize > 0) || !float.IsFinite(stepSize))
            throw new ArgumentOutOfRangeException(nameof(stepSize), stepSize, $"DeepDream.{what}: received stepSize={stepSize}; it must be a positive number.");
        Interruption.ThrowIfRequested($"DeepDream.{what}");
        var x = Start(model.InputShape, seed);
        double before = activationOf(model.Activations(x, layerIndex));
        for (int step = 0; step < steps; step++)
        {
            if (Interruption.IsRequested) throw Interruption.Interrupted($"DeepDream.{what}", $"after {step} of {steps} steps");
            Step(x, gradientOf(x), stepSize);
        }
        return new Dream(x, before, activationOf(model.Activations(x, layerIndex)));
    }

    // One step of length η in units of the gradient's root mean square, clamped to the image range [0, 1].
    private static void Step(Tensor x, Tensor gradient, float stepSize)
    {
        double squares = 0;
        foreach (float v in gradient.Data) squares += v * v;
        float rms = MathF.Sqrt((float)squares / gradient.Length) + 1e-12f;
        for (int i = 0; i < x.Length; i++) x.Data[i] = Math.Clamp(x.Data[i] + stepSize * gradient.Data[i] / rms, 0f, 1f);
    }

    private static float MeanOfChannel(Tensor maps, int channel)
    {
        int channels = maps.Shape[^1];
        double sum = 0;
        for (int i = channel; i < maps.Length; i += channels) sum += maps.Data[i];
        return (float)(sum / (maps.Length / channels));
    }

    private static Layers.Layer Layer(Sequential model, int layerIndex)
    {
        if (!model.IsCompiled)
            throw new InvalidOperationException($"DeepDream: compile (and train) model '{model.Name}' first.");
        if (layerIndex < 0 || layerIndex >= model.Layers.Count)
            throw new ArgumentOutOfRangeException(nameof(layerIndex), layerIndex,
                $"Sequential '{model.Name}' has layers 0..{model.Layers.Count - 1}; received layerIndex={layerIndex}.");
        return model.Layers[layerIndex];
    }

    private static Shape MapShape(Sequential model, int layerIndex, string what)
    {
        ArgumentNullException.ThrowIfNull(model);
        var layer = Layer(model, layerIndex);
        if (layer.OutputShape.Rank != 3)
            throw new ArgumentException($"DeepDream.{what}: layer {layerIndex} '{layer.Name}' outputs {layer.OutputShape.ToBatchString()}, " +
                "not feature maps (None, height, width, channels); use DeepDream.Class for a dense layer.", nameof(layerIndex));
        return layer.OutputShape;
    }

    private static void CheckUnit(Sequential model, int layerIndex, int unit, int units)
    {
        if (unit < 0 || unit >= units)
            throw new ArgumentOutOfRangeException(nameof(unit), unit,
                $"Layer '{model.Layers[layerIndex].Name}' has {units} units (channels); received {unit}.");
    }
}
