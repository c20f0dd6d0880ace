using Microsoft.DotNet.Interactive;
using NotebookNet.Training;
using NotebookNet.Visualization;

namespace NotebookNet.Interactive;

/// <summary>
/// Shows a <see cref="Sequential.Fit"/> call live in the running cell with <see cref="TrainingProgressView"/> (one
/// output, replaced at most four times a second, left at the final state, which says when training was interrupted),
/// and stops training at the next batch boundary when the kernel cancels the cell.
/// </summary>
/// <remarks>
/// Registered for every Fit through <see cref="FitCallbacks"/> when the extension loads, so notebooks call
/// <c>model.Fit(...)</c> exactly as they would in Keras. Outside a running cell it stays out of the way.
/// </remarks>
public sealed class LiveTrainingCallback : IFitCallback
{
    private readonly Func<string, LiveDisplay> _start;
    private LiveDisplay? _live;
    private History? _history;

    /// <summary>Creates a callback that opens its display with <paramref name="start"/> when training begins.</summary>
    public LiveTrainingCallback(Func<string, LiveDisplay> start) => _start = start ?? throw new ArgumentNullException(nameof(start));

    /// <summary>A callback for the running cell, or null outside one (what <see cref="FitCallbacks.Register"/> expects).</summary>
    public static IFitCallback? ForCurrentCell(Sequential model) =>
        KernelInvocationContext.Current is null ? null : new LiveTrainingCallback(html => LiveDisplay.Start(html));

    /// <inheritdoc/>
    public void OnTrainBegin(Sequential model, History history)
    {
        _history = history;
        _live = _start(TrainingProgressView.Starting(model.Name, history));
    }

    /// <inheritdoc/>
    public void OnBatchEnd(Sequential model, BatchProgress progress)
    {
        if (_live is null) return;
        if (_live.Cancellation.IsCancellationRequested)
        {
            model.StopTraining = true;
            return;
        }
        _live.TryUpdate(() => TrainingProgressView.ToHtml(progress, _history));
    }

    /// <inheritdoc/>
    public void OnTrainEnd(Sequential model, History history)
    {
        _live?.Update(SafeFormatter.RenderOrExplain(history, "text/html", h => TrainingProgressView.Completed(h, model.Name)));
    }
}
