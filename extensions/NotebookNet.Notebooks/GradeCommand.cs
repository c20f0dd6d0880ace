using NotebookNet.Grading;
using NotebookNet.Notebooks.Execution;

namespace NotebookNet.Notebooks;

/// <summary>
/// <c>grade SUBMISSIONS --template T --out OUT [--hidden TEACHER] [--test-images I --test-labels L] [--jobs N]
/// [--time-limit 15m] [--memory-limit 6G] [--processes 1024] [--no-sandbox]</c>: grades a class. Exit code 0 when
/// the run completed (whatever the verdicts), 2 for bad input or a machine that cannot grade.
/// </summary>
internal static class GradeCommand
{
    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        string? submissions = null, template = null, output = null, hidden = null, images = null, labels = null;
        var limits = SandboxLimits.Default;
        int jobs = Environment.ProcessorCount;
        bool isolate = true;
        try
        {
            for (int i = 0; i < args.Count; i++)
            {
                string Value() => ++i < args.Count ? args[i] : throw new ArgumentException($"{args[i - 1]} needs a value.");
                switch (args[i])
                {
                    case "--template": template = Value(); break;
                    case "--out": output = Value(); break;
                    case "--hidden": hidden = Value(); break;
                    case "--test-images": images = Value(); break;
                    case "--test-labels": labels = Value(); break;
                    case "--jobs":
                        jobs = int.TryParse(Value(), out int n) && n >= 1 ? n : throw new ArgumentException($"--jobs takes a number ≥ 1; received '{args[i]}'.");
                        break;
                    case "--time-limit": limits = limits with { TimeLimit = SandboxLimits.ParseTime(Value(), "--time-limit") }; break;
                    case "--memory-limit": limits = limits with { MemoryBytes = SandboxLimits.ParseBytes(Value(), "--memory-limit") }; break;
                    case "--processes":
                        limits = limits with { Processes = int.TryParse(Value(), out int p) && p >= 64 ? p : throw new ArgumentException($"--processes takes a number ≥ 64; received '{args[i]}'.") };
                        break;
                    case "--no-sandbox": isolate = false; break;
                    case var a when a.StartsWith("--", StringComparison.Ordinal): throw new ArgumentException($"grade: unknown option '{a}'. Run with --help for the options.");
                    case var a when submissions is null: submissions = a; break;
                    default: throw new ArgumentException($"grade: one submissions folder only; received '{submissions}' and '{args[i]}'.");
                }
            }
            if (submissions is null || template is null || output is null)
                throw new ArgumentException("grade needs a submissions folder, --template and --out. Run with --help for the options.");
            if (!Directory.Exists(submissions)) throw new ArgumentException($"grade: no submissions folder '{submissions}'.");
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine(e.Message);
            return 2;
        }
        if (await JupyterTools.WhyUnavailableAsync() is { } noJupyter)
        {
            Console.Error.WriteLine($"grade needs Jupyter ({noJupyter}). Install it with:  {JupyterTools.InstallCommand}");
            return 2;
        }

        var repository = RepositoryLayout.Find(Environment.CurrentDirectory);
        GradingContext context;
        try
        {
            var request = new GradingRequest(template, hidden, output, images, labels, limits, isolate, [Path.GetFullPath(submissions)]);
            context = await GradingSetup.CreateAsync(repository, request, Console.WriteLine);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            Console.Error.WriteLine(e.Message);
            return 2;
        }
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var results = await BatchGrader.RunAsync(context, submissions, jobs, Console.WriteLine);
        Console.WriteLine();
        foreach (var r in results)
            Console.WriteLine($"{r.Student,-28} {SubmissionResult.Word(r.Verdict),-15} {r.Total,6:0.##} / {r.MaxTotal:0.##}");
        Console.WriteLine($"Graded in {clock.Elapsed.TotalSeconds:0} s. Gradebook: {Path.Combine(context.OutputFolder, "gradebook.csv")}; " +
            $"feedback: {context.Feedback}");
        return 0;
    }
}
