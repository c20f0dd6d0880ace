using NotebookNet.Notebooks.Execution;

namespace NotebookNet.Notebooks;

/// <summary>What the runner was asked to do.</summary>
internal enum RunnerCommand { Run, Serve, CheckHomework, InstallKernel, UninstallKernel, Doctor, Help }

/// <summary>The parsed command line.</summary>
internal sealed record RunnerOptions(RunnerCommand Command, string? Only, bool InProcess, string? HomeworkNotebook)
{
    /// <summary>Where install-kernel and uninstall-kernel put the kernelspec (--system, --prefix).</summary>
    public KernelSpecTarget KernelTarget { get; init; } = KernelSpecTarget.User;

    /// <summary>The local feed install-kernel's spec restores from (--feed); null for artifacts/feed.</summary>
    public string? Feed { get; init; }

    public const string Usage = """
        NotebookNet notebook runner

        Usage: dotnet run --project extensions/NotebookNet.Notebooks -c Release -- [options]

          (no options)             restore the kernel tool, build and pack NotebookNet under a new version into
                                   artifacts/feed, write the kernelspec to artifacts/jupyter, then execute
                                   notebooks/*.ipynb and notebooks/solutions/*.ipynb into artifacts/notebooks
                                   (executed .ipynb + .html); exits 1 if any notebook fails. Homework templates
                                   (notebooks with "check" cells) are skipped: their solutions run instead
          --only NAME              only notebooks whose file name contains NAME
          --in-process             run the notebooks in this process even if Jupyter is installed (no HTML)
          --serve                  set up as above, then start Jupyter Notebook on 127.0.0.1 for interactive work
          check-homework FILE      check a student's homework notebook as the grader does: run it through Jupyter
                                   with the official check cells of the template in notebooks/ appended, then
                                   measure the model file it hands in on MNIST's test set; prints the feedback;
                                   exits 0 on PASS, 1 otherwise; rebuilds the packages only when they changed
          grade SUBMISSIONS --template T.ipynb --out OUT [--hidden TEACHER] [--test-images I --test-labels L]
                [--jobs N] [--time-limit 15m] [--memory-limit 6G] [--processes 1024] [--no-sandbox]
                                   grade every file of SUBMISSIONS: each runs sandboxed (no network, writes only
                                   in its own folder, time/memory/process limits) with the template's check cells;
                                   the grader checks the model file it hands in on the test set (default MNIST's),
                                   runs the hidden checks of TEACHER (its *.ipynb, points in points.json) and writes
                                   OUT/gradebook.csv, OUT/feedback/<student>.html|.txt; re-runs skip what is graded
          install-kernel           set up as above, then install the kernelspec "C# (NotebookNet)"
                                   (notebooknet-csharp) where JupyterLab, Jupyter Notebook, VS Code's Jupyter
                                   extension and nbconvert find it, for this user; --system for every user,
                                   --prefix DIR under DIR/share/jupyter
                                   --feed DIR: restore from the packages already in DIR instead of packing
          uninstall-kernel         remove exactly what install-kernel added (same --system / --prefix)
          doctor                   check what the notebooks need on this machine; prints each fix; exits 1 if
                                   something is broken
          --help                   this text
        """;

    /// <summary>Parses <paramref name="args"/>; throws <see cref="ArgumentException"/> naming the bad argument.</summary>
    public static RunnerOptions Parse(IReadOnlyList<string> args)
    {
        var command = RunnerCommand.Run;
        string? only = null, homework = null;
        bool inProcess = false;
        var target = KernelSpecTarget.User;
        string? feed = null;
        for (int i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--help" or "-h" or "-?":
                    command = RunnerCommand.Help;
                    break;
                case "--serve":
                    command = RunnerCommand.Serve;
                    break;
                case "--in-process":
                    inProcess = true;
                    break;
                case "--only":
                    only = Value(args, ++i, "--only", "a part of a notebook's file name, e.g. --only perceptron");
                    break;
                case "install-kernel":
                    command = RunnerCommand.InstallKernel;
                    break;
                case "uninstall-kernel":
                    command = RunnerCommand.UninstallKernel;
                    break;
                case "doctor":
                    command = RunnerCommand.Doctor;
                    break;
                case "--system":
                    target = target with { System = true };
                    break;
                case "--prefix":
                    target = target with { Prefix = Value(args, ++i, "--prefix", "a folder, e.g. --prefix /opt/jupyterhub") };
                    break;
                case "--feed":
                    feed = Path.GetFullPath(Value(args, ++i, "--feed", "the folder of a local feed, e.g. --feed artifacts/feed"));
                    break;
                case "check-homework":
                    command = RunnerCommand.CheckHomework;
                    homework = Value(args, ++i, "check-homework", "the path of the homework notebook");
                    break;
                default:
                    throw new ArgumentException($"Unknown argument '{args[i]}'. Run with --help for the options.");
            }
        }
        if (feed is not null && command is not (RunnerCommand.InstallKernel or RunnerCommand.Doctor))
            throw new ArgumentException("--feed goes with install-kernel or doctor.");
        if (target != KernelSpecTarget.User && command is not (RunnerCommand.InstallKernel or RunnerCommand.UninstallKernel or RunnerCommand.Doctor))
            throw new ArgumentException("--system and --prefix go with install-kernel, uninstall-kernel or doctor.");
        return new RunnerOptions(command, only, inProcess, homework) { KernelTarget = target, Feed = feed };
    }

    private static string Value(IReadOnlyList<string> args, int index, string option, string what) =>
        index < args.Count && !args[index].StartsWith("--", StringComparison.Ordinal)
            ? args[index]
            : throw new ArgumentException($"{option} needs {what}.");
}
