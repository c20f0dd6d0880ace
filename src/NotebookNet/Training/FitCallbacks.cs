namespace NotebookNet.Training;

/// <summary>
/// Callbacks added to every <see cref="Sequential.Fit"/> call, for hosts that show training without the user asking,
/// such as the notebook extension's live progress. A factory may return null to stay out of a given run.
/// </summary>
public static class FitCallbacks
{
    private static readonly List<Func<Sequential, IFitCallback?>> Factories = [];
    private static readonly Lock Gate = new();

    /// <summary>Adds a factory; dispose the result to remove it again.</summary>
    public static IDisposable Register(Func<Sequential, IFitCallback?> factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        lock (Gate) Factories.Add(factory);
        return new Registration(factory);
    }

    internal static List<IFitCallback> Create(Sequential model)
    {
        Func<Sequential, IFitCallback?>[] factories;
        lock (Gate) factories = [.. Factories];
        return factories.Select(f => f(model)).OfType<IFitCallback>().ToList();
    }

    private sealed class Registration(Func<Sequential, IFitCallback?> factory) : IDisposable
    {
        public void Dispose()
        {
            lock (Gate) Factories.Remove(factory);
        }
    }
}
