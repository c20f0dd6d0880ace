namespace NotebookNet.Training;

/// <summary>Where training stands after a batch: what a progress bar needs.</summary>
/// <param name="Epoch">Current epoch, from 1.</param>
/// <param name="Epochs">Epochs asked for.</param>
/// <param name="Batch">Batch within the epoch, from 1.</param>
/// <param name="Batches">Batches per epoch.</param>
/// <param name="Loss">This batch's loss.</param>
/// <param name="RunningLoss">Mean loss over the epoch so far.</param>
/// <param name="RunningMetrics">Mean metrics over the epoch so far.</param>
/// <param name="SamplesSeen">Samples trained on in this epoch so far.</param>
/// <param name="Elapsed">Time since the epoch began.</param>
/// <param name="TotalElapsed">Time since Fit began.</param>
/// <param name="LearningRate">The optimizer's learning rate in this epoch (NaN when not recorded).</param>
public sealed record BatchProgress(
    int Epoch, int Epochs, int Batch, int Batches, double Loss, double RunningLoss,
    IReadOnlyDictionary<string, double> RunningMetrics, int SamplesSeen, TimeSpan Elapsed, TimeSpan TotalElapsed,
    double LearningRate = double.NaN)
{
    /// <summary>Training samples per second in this epoch so far.</summary>
    public double SamplesPerSecond => Elapsed.TotalSeconds > 0 ? SamplesSeen / Elapsed.TotalSeconds : 0;

    /// <summary>Estimated time to the end of training, from the speed so far.</summary>
    public TimeSpan Remaining
    {
        get
        {
            int done = (Epoch - 1) * Batches + Batch, total = Epochs * Batches;
            return done == 0 ? TimeSpan.Zero : TotalElapsed * ((double)(total - done) / done);
        }
    }
}

/// <summary>
/// Hooks into <see cref="Sequential.Fit"/> (Keras callbacks). All methods have empty defaults; override what you need.
/// A callback may set <see cref="Sequential.StopTraining"/> to end training at the next batch boundary.
/// </summary>
public interface IFitCallback
{
    /// <summary>Before the first batch.</summary>
    void OnTrainBegin(Sequential model, History history) { }

    /// <summary>Before every epoch (from 1); a learning-rate schedule sets the epoch's rate here.</summary>
    void OnEpochBegin(Sequential model, int epoch) { }

    /// <summary>After every batch (its weight update done).</summary>
    void OnBatchEnd(Sequential model, BatchProgress progress) { }

    /// <summary>After every epoch, validation included.</summary>
    void OnEpochEnd(Sequential model, EpochLogs logs) { }

    /// <summary>When training ends, normally or interrupted (<see cref="History.Interrupted"/>).</summary>
    void OnTrainEnd(Sequential model, History history) { }
}
