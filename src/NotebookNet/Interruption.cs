namespace NotebookNet;

/// <summary>
/// The ambient "stop now" of the library: a host (the notebook extension, a test, a console app's Ctrl+C) opens an
/// <see cref="InterruptionScope"/> around the code it runs and calls <see cref="InterruptionScope.Interrupt"/> from any
/// thread; every long loop of the library checks it at its next step.
/// </summary>
/// <remarks>
/// <para>The seam between a host and the library's loops. Loops check <see cref="IsRequested"/> (or call
/// <see cref="ThrowIfRequested"/>) once per batch, chunk or step: cheap, since it reads one field. Who checks what:</para>
/// <list type="bullet">
/// <item><see cref="Sequential.Fit"/> stops at the next batch boundary and <b>returns</b> its
/// <see cref="Training.History"/> with <c>Interrupted = true</c>; the weights are those after the last finished
/// batch, so the model stays usable.</item>
/// <item><see cref="Sequential.Evaluate"/>, <see cref="Sequential.Predict"/> (per batch), <c>InputGradient</c>,
/// <c>Activations</c>, <c>Gradients</c>, <see cref="Neurons.GradientDescent"/>, the neurons' <c>Train</c> loops (per
/// step) throw an <see cref="OperationCanceledException"/> (<see cref="Interrupted"/>) that says what stopped: they have no partial result worth
/// returning, and the exception ends the rest of the cell. The model's weights are not touched by them.</item>
/// </list>
/// <para>The scope is carried by an <see cref="AsyncLocal{T}"/>: it flows into awaits and tasks started inside it, and
/// code running outside it (another test, another cell) never sees its interruption. Without a scope nothing is ever
/// requested. Scopes nest; interrupting an outer scope interrupts the inner ones.</para>
/// <para>For a new loop in the library: call <see cref="ThrowIfRequested"/> at the top of each step, or, for a loop
/// whose partial result is meaningful (like Fit), test <see cref="IsRequested"/> and return what finished.</para>
/// </remarks>
/// <example><code>
/// using var scope = Interruption.Begin();
/// Console.CancelKeyPress += (_, e) => { e.Cancel = true; scope.Interrupt(); };
/// var history = model.Fit(x, y, epochs: 100);   // Ctrl+C: returns at the next batch, history.Interrupted is true
///
/// // in a library loop:
/// for (int step = 0; step &lt; steps; step++)
/// {
///     if (Interruption.IsRequested) throw Interruption.Interrupted("GradientDescent.Minimize", $"after {step} steps");
///     ...
/// }
/// </code></example>
public static class Interruption
{
    private static readonly AsyncLocal<InterruptionScope?> Ambient = new();

    /// <summary>The innermost scope of the running code, or null outside any.</summary>
    public static InterruptionScope? Current => Ambient.Value;

    /// <summary>True once the running code's scope (or an enclosing one) was interrupted.</summary>
    public static bool IsRequested => Ambient.Value?.IsRequested ?? false;

    /// <summary>Cancelled when the running code's scope is interrupted; <see cref="CancellationToken.None"/> outside any scope.</summary>
    public static CancellationToken Token => Ambient.Value?.Token ?? CancellationToken.None;

    /// <summary>
    /// Opens a scope for the code that follows in this async flow, until the scope is disposed. It is also interrupted
    /// when <paramref name="alsoStopWhen"/> is cancelled (e.g. a notebook cell's own cancellation) and when the
    /// enclosing scope is.
    /// </summary>
    public static InterruptionScope Begin(CancellationToken alsoStopWhen = default)
    {
        var scope = new InterruptionScope(Ambient.Value, alsoStopWhen);
        Ambient.Value = scope;
        return scope;
    }

    /// <summary>
    /// Throws <see cref="Interrupted"/>(<paramref name="what"/>) if the running code's scope was interrupted; does
    /// nothing otherwise.
    /// </summary>
    /// <param name="what">The call that stops, e.g. "Sequential.Predict", named in the message.</param>
    public static void ThrowIfRequested(string what)
    {
        if (IsRequested) throw Interrupted(what);
    }

    /// <summary>
    /// The exception a loop throws when it stops for an interruption, e.g.
    /// <c>if (Interruption.IsRequested) throw Interruption.Interrupted("Sequential.Predict", $"after {i} of {n} samples");</c>
    /// (the message is then only built when it is needed).
    /// </summary>
    /// <param name="what">The call that stops, named in the message.</param>
    /// <param name="progress">Where it stopped, e.g. "after 3 of 40 steps", named in the message.</param>
    public static OperationCanceledException Interrupted(string what, string? progress = null) =>
        new($"Interrupted: {what} stopped{(progress is null ? "" : " " + progress)}. Nothing else was changed; run the next cell as usual.",
            Token);

    internal static void Restore(InterruptionScope scope)
    {
        if (Ambient.Value == scope) Ambient.Value = scope.Parent;
    }
}

/// <summary>
/// A region of code that can be interrupted from another thread; made by <see cref="Interruption.Begin"/>.
/// Dispose it to end the region (the enclosing scope, if any, becomes current again).
/// </summary>
public sealed class InterruptionScope : IDisposable
{
    private readonly CancellationTokenSource _source;

    internal InterruptionScope(InterruptionScope? parent, CancellationToken alsoStopWhen)
    {
        Parent = parent;
        _source = CancellationTokenSource.CreateLinkedTokenSource(parent?.Token ?? CancellationToken.None, alsoStopWhen);
        Token = _source.Token;
    }

    internal InterruptionScope? Parent { get; }

    /// <summary>Cancelled when the scope is interrupted.</summary>
    public CancellationToken Token { get; }

    /// <summary>True once <see cref="Interrupt"/> was called (here or on an enclosing scope) or the linked token was cancelled.</summary>
    public bool IsRequested => Token.IsCancellationRequested;

    /// <summary>Asks every library loop running in this scope to stop at its next step. Safe from any thread, any number of times.</summary>
    public void Interrupt()
    {
        try
        {
            _source.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // the scope already ended: nothing is running in it any more
        }
    }

    /// <summary>Ends the scope.</summary>
    public void Dispose()
    {
        Interruption.Restore(this);
        _source.Dispose();
    }
}
