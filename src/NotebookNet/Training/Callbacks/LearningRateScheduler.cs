namespace NotebookNet.Training;

/// <summary>
/// Sets the optimizer's learning rate at the start of every epoch from a schedule: Keras's
/// <c>LearningRateScheduler</c>. Epochs count from 1 here, as everywhere in NotebookNet (Keras passes 0 for the first).
/// The ready-made schedules, with η₀ the initial rate and e the epoch:
/// <list type="bullet">
/// <item><see cref="Step"/>: η₀ · factor^⌊(e − 1) / every⌋ (halve every few epochs);</item>
/// <item><see cref="Exponential"/>: η₀ · rateᵉ⁻¹;</item>
/// <item><see cref="Cosine"/>: η_min + (η₀ − η_min) · (1 + cos(π (e − 1) / epochs)) / 2 (Keras's CosineDecay per epoch).</item>
/// </list>
/// The rate each epoch used is in <see cref="History.LearningRates"/>.
/// </summary>
/// <example><code>
/// model.Fit(x, y, epochs: 6, callbacks: [LearningRateScheduler.Exponential(0.003, 0.6)]);
/// model.Fit(x, y, epochs: 10, callbacks: [new LearningRateScheduler((epoch, lr) => epoch &lt; 5 ? lr : lr * 0.9)]);
/// </code></example>
public sealed class LearningRateScheduler : IFitCallback
{
    private readonly Func<int, double, double> _schedule;
    private readonly bool _verbose;

    /// <summary>A schedule of the epoch (from 1) and the current learning rate, returning the epoch's rate.</summary>
    public LearningRateScheduler(Func<int, double, double> schedule, bool verbose = false)
    {
        _schedule = schedule ?? throw new ArgumentNullException(nameof(schedule));
        _verbose = verbose;
    }

    /// <summary>A schedule of the epoch (from 1) alone.</summary>
    public LearningRateScheduler(Func<int, double> schedule, bool verbose = false)
        : this(schedule is null ? throw new ArgumentNullException(nameof(schedule)) : (epoch, _) => schedule(epoch), verbose) { }

    /// <summary>η₀ · factor^⌊(e − 1) / every⌋: <paramref name="initial"/> for the first <paramref name="every"/> epochs,
    /// then times <paramref name="factor"/> every <paramref name="every"/> epochs.</summary>
    public static LearningRateScheduler Step(double initial, int every, double factor = 0.5, bool verbose = false)
    {
        RequireRate(nameof(Step), nameof(initial), initial);
        if (every < 1) throw new ArgumentOutOfRangeException(nameof(every), every, $"LearningRateScheduler.Step: received every={every}; it must be ≥ 1.");
        RequireFactor(nameof(Step), nameof(factor), factor);
        return new((epoch, _) => initial * Math.Pow(factor, (epoch - 1) / every), verbose);
    }

    /// <summary>η₀ · rateᵉ⁻¹: <paramref name="initial"/> in epoch 1, times <paramref name="rate"/> each epoch after.</summary>
    public static LearningRateScheduler Exponential(double initial, double rate, bool verbose = false)
    {
        RequireRate(nameof(Exponential), nameof(initial), initial);
        RequireFactor(nameof(Exponential), nameof(rate), rate);
        return new((epoch, _) => initial * Math.Pow(rate, epoch - 1), verbose);
    }

    /// <summary>From <paramref name="initial"/> in epoch 1 down a half cosine towards <paramref name="minimum"/>,
    /// which it would reach after <paramref name="epochs"/> epochs; stays there after.</summary>
    public static LearningRateScheduler Cosine(double initial, int epochs, double minimum = 0, bool verbose = false)
    {
        RequireRate(nameof(Cosine), nameof(initial), initial);
        if (epochs < 1) throw new ArgumentOutOfRangeException(nameof(epochs), epochs, $"LearningRateScheduler.Cosine: received epochs={epochs}; it must be ≥ 1.");
        if (!(minimum >= 0 && minimum < initial))
            throw new ArgumentOutOfRangeException(nameof(minimum), minimum, $"LearningRateScheduler.Cosine: received minimum={minimum}; it must be in [0, initial).");
        return new((epoch, _) =>
        {
            double t = Math.Min(epoch - 1, epochs) / (double)epochs;
            return Math.Max(minimum + (initial - minimum) * (1 + Math.Cos(Math.PI * t)) / 2, minimum > 0 ? minimum : initial * 1e-6);
        }, verbose);
    }

    /// <inheritdoc/>
    public void OnEpochBegin(Sequential model, int epoch)
    {
        double rate = _schedule(epoch, model.Optimizer.LearningRate);
        if (!(rate > 0) || double.IsInfinity(rate))
            throw new InvalidOperationException($"LearningRateScheduler: the schedule gave learning rate {rate} for epoch {epoch}; it must be a positive number.");
        model.Optimizer.LearningRate = rate;
        if (_verbose) Console.WriteLine($"Epoch {epoch}: LearningRateScheduler setting learning rate to {Monitor.Format(rate)}.");
    }

    private static void RequireRate(string schedule, string name, double value)
    {
        if (!(value > 0) || double.IsInfinity(value))
            throw new ArgumentOutOfRangeException(name, value, $"LearningRateScheduler.{schedule}: received {name}={value}; it must be a positive number.");
    }

    private static void RequireFactor(string schedule, string name, double factor)
    {
        if (!(factor > 0 && factor <= 1))
            throw new ArgumentOutOfRangeException(name, factor, $"LearningRateScheduler.{schedule}: received {name}={factor}; it must be in (0, 1].");
    }
}
