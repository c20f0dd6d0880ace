namespace NotebookNet.Benchmarks;

/// <summary>
/// Command line: <c>--quick</c> (fewer repetitions and shorter loops, well under a minute), <c>--reps N</c>,
/// <c>--threads 1,2</c>, <c>--models MLP,CNN2</c> (a subset of the model rows; <c>none</c> for none), <c>--profile CNN2:128</c> (only the
/// per-layer times of that model and batch size, see <see cref="LayerProfile"/>), <c>--child …</c> (internal: one
/// measurement in a child process, see <see cref="ChildProcess"/>; it takes the rest of the line).
/// </summary>
internal sealed record BenchmarkOptions(bool Quick, int Repetitions, int[] ThreadCounts, int NaiveSize, string[] ModelNames, string[]? Child,
    (string Model, int Batch)[] Profiles, bool RepetitionsGiven, bool Help = false)
{
    /// <summary>What <c>--help</c> prints (and an unknown argument, after its error).</summary>
    public const string Usage = """
        Usage: dotnet run -c Release --project benchmarks/NotebookNet.Benchmarks -- [options]

          --quick            5 repetitions, shorter loops, small training subsets, the most threads only for the models
                             (under a minute on an idle machine)
          --reps N           repetitions per measurement (N >= 1; default 11, or 5 with --quick)
          --threads 1,2      thread counts to measure (default 1 and all processors)
          --models MLP,CNN2  a subset of the model rows (MLP, CNN1, CNN2, Strided), or none for the kernel rows only
          --profile CNN2:128 only the per-layer times of that model at that batch size
          --help, -h         this text

        Run it alone (flock on a shared machine): every figure is a time on this machine under its current load.
        """;

    public static BenchmarkOptions Parse(string[] args)
    {
        if (args.TakeWhile(a => a != "--child").Any(a => a is "--help" or "-h"))
            return new BenchmarkOptions(false, 0, [], 0, [], null, [], false, Help: true);
        bool quick = args.Contains("--quick");
        int reps = quick ? 5 : 11;
        bool repsGiven = false;
        int[] threads = Environment.ProcessorCount == 1 ? [1] : [1, Environment.ProcessorCount];
        string[] models = Models.All.Select(m => m.Name).ToArray();
        string[]? child = null;
        var profiles = new List<(string, int)>();
        for (int i = 0; i < args.Length && child is null; i++)
        {
            switch (args[i])
            {
                case "--quick":
                    break;
                case "--reps" when i + 1 < args.Length && int.TryParse(args[i + 1], out int r) && r >= 1:
                    reps = r;
                    repsGiven = true;
                    i++;
                    break;
                case "--threads" when i + 1 < args.Length:
                    threads = args[++i].Split(',').Select(ParseThreads).Distinct().ToArray();
                    break;
                case "--models" when i + 1 < args.Length:
                    models = args[++i] == "none" ? [] : args[i].Split(',').Select(n => Models.Find(n).Name).Distinct().ToArray();
                    break;
                case "--profile" when i + 1 < args.Length:
                    profiles.AddRange(args[++i].Split(',').Select(ParseProfile));
                    break;
                case "--child":
                    child = args[(i + 1)..];
                    break;
                default:
                    throw new ArgumentException($"Unknown or incomplete argument '{args[i]}' (see --help).");
            }
        }
        return new BenchmarkOptions(quick, reps, threads, NaiveSize: 256, models, child, [.. profiles], repsGiven);
    }

    /// <summary>The options a child process needs (put before <c>--child</c>, which takes the rest of the line).</summary>
    public string[] ToArguments() =>
        [.. Quick ? ["--quick"] : Array.Empty<string>(), .. RepetitionsGiven ? ["--reps", Repetitions.ToString()] : Array.Empty<string>(),
         "--threads", string.Join(',', ThreadCounts)];

    private static (string, int) ParseProfile(string text)
    {
        var parts = text.Split(':');
        if (parts.Length == 2 && int.TryParse(parts[1], out int batch) && batch >= 1) return (Models.Find(parts[0]).Name, batch);
        throw new ArgumentException($"--profile: '{text}' is not MODEL:BATCH, e.g. CNN2:128.");
    }

    private static int ParseThreads(string text) =>
        int.TryParse(text, out int t) && t >= 1 && t <= 256 ? t : throw new ArgumentException($"--threads: '{text}' is not a thread count between 1 and 256.");
}
