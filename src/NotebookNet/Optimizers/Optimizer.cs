namespace NotebookNet.Optimizers;

/// <summary>
/// Updates parameters from their gradients. One optimizer per file, each with one <see cref="Step"/>;
/// the update rule is written as math in each class's documentation.
/// </summary>
public abstract class Optimizer
{
    private double _learningRate;

    /// <summary>Creates an optimizer with learning rate η.</summary>
    protected Optimizer(double learningRate) => LearningRate = learningRate;

    /// <summary>The learning rate η (also settable through Fit's learningRate argument).</summary>
    public double LearningRate
    {
        get => _learningRate;
        set
        {
            if (!(value > 0) || double.IsInfinity(value))
                throw new ArgumentOutOfRangeException(nameof(value), value, $"{GetType().Name}: received learningRate={value}; it must be a positive number.");
            _learningRate = value;
        }
    }

    /// <summary>Number of steps taken so far.</summary>
    public long Iterations { get; protected set; }

    /// <summary>Applies one update to every parameter from its current gradient.</summary>
    public abstract void Step(IReadOnlyList<Parameter> parameters);

    /// <summary>Per-parameter state (velocity, moments), created on first use.</summary>
    protected static float[] State(Dictionary<Parameter, float[]> states, Parameter p)
    {
        if (!states.TryGetValue(p, out var s)) states[p] = s = new float[p.Count];
        return s;
    }

    /// <summary>The names of the per-parameter state arrays this optimizer keeps (Adam: "m", "v"): what a whole-model
    /// file saves so that training resumes exactly where it stopped.</summary>
    internal virtual IReadOnlyList<string> StateNames => [];

    /// <summary>The state array <paramref name="name"/> of <paramref name="p"/> (one of <see cref="StateNames"/>),
    /// created as zeros if the optimizer has not stepped yet.</summary>
    internal virtual float[] StateOf(string name, Parameter p) =>
        throw new ArgumentException($"{GetType().Name} keeps no state named '{name}'.", nameof(name));

    /// <summary>Sets the step count when a model file restores the optimizer.</summary>
    internal void RestoreIterations(long iterations) => Iterations = iterations;

    /// <inheritdoc/>
    public override string ToString() => $"{GetType().Name}(learning_rate={LearningRate})";
}
