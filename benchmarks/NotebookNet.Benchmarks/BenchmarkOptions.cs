namespace NotebookNet.Benchmarks;

/// <summary>Command line: <c>--quick</c> (fewer repetitions and shorter loops, well under a minute), <c>--reps N</c>, <c>--threads 1,2</c>.</summary>
internal sealed record BenchmarkOptions(bool Quick, int Repetitions, int[] ThreadCounts, int NaiveSize)
{
    public static BenchmarkOptions Parse(string[] args)
    {
        bool quick = args.Contains("--quick");
        int reps = quick ? 5 : 11;
        int[] threads = Environment.ProcessorCount == 1 ? [1] : [1, Environment.ProcessorCount];
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--quick":
                    break;
                case "--reps" when i + 1 < args.Length && int.TryParse(args[i + 1], out int r) && r >= 1:
                    reps = r;
                    i++;
                    break;
                case "--threads" when i + 1 < args.Length:
                    threads = args[++i].Split(',').Select(ParseThreads).Distinct().ToArray();
                    break;
                default:
                    throw new ArgumentException($"Unknown or incomplete argument '{args[i]}'. Use --quick, --reps N (N ≥ 1), --threads 1,2.");
            }
        }
        return new BenchmarkOptions(quick, reps, threads, NaiveSize: 256);
    }

    private static int ParseThreads(string text) =>
        int.TryParse(text, out int t) && t >= 1 && t <= 256 ? t : throw new ArgumentException($"--threads: '{text}' is not a thread count between 1 and 256.");
}
