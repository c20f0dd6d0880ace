namespace NotebookNet.Neurons;

/// <summary>
/// Plain gradient descent on a function of one or two variables, recording every point visited — the
/// picture of the lecture: xₖ₊₁ = xₖ − η ∇f(xₖ). Gradients are exact when given, otherwise central differences
/// ∂f/∂x ≈ (f(x + h) − f(x − h)) / 2h.
/// </summary>
/// <example><code>
/// var path = GradientDescent.Minimize((x, y) => x * x + 10 * y * y, start: (4, 1), learningRate: 0.05, steps: 50);
/// Console.WriteLine(path[^1]);   // close to (0, 0)
/// </code></example>
public static class GradientDescent
{
    private const double H = 1e-5;

    /// <summary>Minimises f(x) from <paramref name="start"/>; returns the points x₀ … x_steps.</summary>
    public static IReadOnlyList<double> Minimize(Func<double, double> f, double start, double learningRate, int steps, Func<double, double>? gradient = null)
    {
        Check(f, learningRate, steps);
        gradient ??= x => (f(x + H) - f(x - H)) / (2 * H);
        var path = new List<double> { start };
        double p = start;
        for (int k = 0; k < steps; k++)
        {
            if (Interruption.IsRequested) throw Interruption.Interrupted("GradientDescent.Minimize", $"after {k} of {steps} steps");
            p -= learningRate * gradient(p);
            path.Add(p);
            if (!double.IsFinite(p)) break;   // diverged: a too-large learning rate, worth showing
        }
        return path;
    }

    /// <summary>Minimises f(x, y) from <paramref name="start"/>; returns the points visited.</summary>
    public static IReadOnlyList<(double X, double Y)> Minimize(
        Func<double, double, double> f, (double X, double Y) start, double learningRate, int steps,
        Func<double, double, (double Dx, double Dy)>? gradient = null)
    {
        Check(f, learningRate, steps);
        gradient ??= (x, y) => ((f(x + H, y) - f(x - H, y)) / (2 * H), (f(x, y + H) - f(x, y - H)) / (2 * H));
        var path = new List<(double, double)> { start };
        var (px, py) = start;
        for (int k = 0; k < steps; k++)
        {
            if (Interruption.IsRequested) throw Interruption.Interrupted("GradientDescent.Minimize", $"after {k} of {steps} steps");
            var (dx, dy) = gradient(px, py);
            px -= learningRate * dx;
            py -= learningRate * dy;
            path.Add((px, py));
            if (!double.IsFinite(px) || !double.IsFinite(py)) break;
        }
        return path;
    }

    private static void Check(Delegate f, double learningRate, int steps)
    {
        ArgumentNullException.ThrowIfNull(f);
        if (!(learningRate > 0)) throw new ArgumentOutOfRangeException(nameof(learningRate), learningRate, $"GradientDescent: received learningRate={learningRate}; it must be positive.");
        if (steps < 0) throw new ArgumentOutOfRangeException(nameof(steps), steps, $"GradientDescent: received steps={steps}; it must not be negative.");
    }
}
