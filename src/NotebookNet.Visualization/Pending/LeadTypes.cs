// TEMPORARY: a mirror of the data types the lead is landing on main (ModelSummary, History, BatchProgress),
// so the renderers compile against the real names now. Delete this file when `git merge main` brings them.
#pragma warning disable CS1591
using System.Globalization;

namespace NotebookNet
{
    public sealed record LayerSummary(string LayerName, string TypeName, Shape OutputShape, long ParameterCount, string ParameterFormula);

    public sealed record ModelSummary(string ModelName, Shape InputShape, IReadOnlyList<LayerSummary> Rows)
    {
        public long TotalParameters => Rows.Sum(r => r.ParameterCount);
        public long TrainableParameters => TotalParameters;
        public long Bytes => TotalParameters * sizeof(float);
        public static string Count(long n) => n.ToString("N0", CultureInfo.InvariantCulture);
    }
}

namespace NotebookNet.Training
{
    public sealed record EpochLogs(int Epoch, double Loss, IReadOnlyDictionary<string, double> Metrics, double? ValidationLoss,
        IReadOnlyDictionary<string, double> ValidationMetrics, TimeSpan Duration, int Samples);

    public sealed class History
    {
        public List<EpochLogs> EpochList { get; } = [];
        public List<double> BatchLossList { get; } = [];
        public IReadOnlyList<EpochLogs> Epochs => EpochList;
        public IReadOnlyList<double> BatchLosses => BatchLossList;
        public int BatchesPerEpoch { get; set; }
        public int EpochsRequested { get; set; }
        public bool Interrupted { get; set; }
        public IReadOnlyList<string> MetricNames { get; set; } = [];
    }

    public sealed record BatchProgress(
        int Epoch, int Epochs, int Batch, int Batches, double Loss, double RunningLoss,
        IReadOnlyDictionary<string, double> RunningMetrics, int SamplesSeen, TimeSpan Elapsed, TimeSpan TotalElapsed)
    {
        public double SamplesPerSecond => Elapsed.TotalSeconds > 0 ? SamplesSeen / Elapsed.TotalSeconds : 0;
        public TimeSpan Remaining
        {
            get
            {
                int done = (Epoch - 1) * Batches + Batch, total = Epochs * Batches;
                return done == 0 ? TimeSpan.Zero : TotalElapsed * ((double)(total - done) / done);
            }
        }
    }
}
