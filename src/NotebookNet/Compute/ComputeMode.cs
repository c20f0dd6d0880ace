namespace NotebookNet.Compute;

/// <summary>
/// How the layers compute, for the code inside a <c>using</c> block: the fast routines (the default) or the plain
/// reference loops written in the layer files (<c>ForwardReference</c>/<c>BackwardReference</c>), and on how many
/// threads. A scope covers the code that runs inside it, on this thread and in the tasks it starts, and nothing
/// else; disposing it restores what was in force before. Scopes nest: the innermost one decides.
/// </summary>
/// <example><code>
/// using (ComputeMode.Reference())
///     model.Fit(x, y, epochs: 1);          // every layer runs the loops of its file: slow, the definition
/// using (ComputeMode.Threads(1))
///     model.Predict(x);                    // the fast routines on the calling thread only
/// </code></example>
public static class ComputeMode
{
    private static readonly AsyncLocal<Scope?> Current = new();

    /// <summary>True inside a <see cref="Reference"/> scope: layers run their plain reference loops.</summary>
    public static bool IsReference => Current.Value?.Reference ?? false;

    /// <summary>Threads the fast routines may use here: the innermost <see cref="Threads"/> scope's count, else the
    /// number of processors.</summary>
    public static int ThreadCount => ComputeSettings.ThreadCount;

    /// <summary>Runs the layers' plain reference loops until disposed: the code a student reads is the code that runs.</summary>
    public static IDisposable Reference() => Push(reference: true, threads: null);

    /// <summary>Runs the fast routines until disposed (the default; undoes an enclosing <see cref="Reference"/>).</summary>
    public static IDisposable Fast() => Push(reference: false, threads: null);

    /// <summary>Lets the fast routines use <paramref name="count"/> threads (1 to 256) until disposed.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The count is outside 1 to 256; the message gives it.</exception>
    public static IDisposable Threads(int count) =>
        Push(reference: null, threads: ComputeSettings.CheckedThreadCount(count, "ComputeMode.Threads"));

    internal static int? ScopedThreadCount => Current.Value?.ThreadCount;

    private static Scope Push(bool? reference, int? threads)
    {
        var parent = Current.Value;
        var scope = new Scope(parent, reference ?? parent?.Reference ?? false, threads ?? parent?.ThreadCount);
        Current.Value = scope;
        return scope;
    }

    private sealed class Scope(Scope? parent, bool reference, int? threadCount) : IDisposable
    {
        private bool _disposed;

        public bool Reference { get; } = reference;

        public int? ThreadCount { get; } = threadCount;

        public void Dispose()
        {
            if (_disposed) return;
            if (!ReferenceEquals(Current.Value, this))
                throw new InvalidOperationException(
                    "ComputeMode: a scope was disposed while an inner scope was still open; dispose scopes in reverse order " +
                    "(a using block does).");
            _disposed = true;
            Current.Value = parent;
        }
    }
}
