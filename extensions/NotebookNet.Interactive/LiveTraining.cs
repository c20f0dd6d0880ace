using NotebookNet.Training;

namespace NotebookNet.Interactive;

/// <summary>Switches the live training display of every <see cref="Sequential.Fit"/> in a notebook on or off.</summary>
public static class LiveTraining
{
    private static readonly Lock Gate = new();
    private static IDisposable? _registration;

    /// <summary>True while every Fit in a running cell gets a <see cref="LiveTrainingCallback"/>.</summary>
    public static bool IsEnabled
    {
        get { lock (Gate) return _registration is not null; }
    }

    /// <summary>Shows every Fit live (the extension does this on load; calling it again changes nothing).</summary>
    public static void Enable()
    {
        lock (Gate) _registration ??= FitCallbacks.Register(LiveTrainingCallback.ForCurrentCell);
    }

    /// <summary>Back to plain Fit calls (e.g. to compare timings without the display).</summary>
    public static void Disable()
    {
        lock (Gate)
        {
            _registration?.Dispose();
            _registration = null;
        }
    }
}
