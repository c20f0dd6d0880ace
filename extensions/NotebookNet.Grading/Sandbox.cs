using System.Diagnostics;
using NotebookNet.Notebooks.Execution;

namespace NotebookNet.Grading;

/// <summary>How a submission's run ended, as the grader saw it from outside.</summary>
/// <param name="ExitCode">The exit code of the command (nbconvert), -1 when it was killed.</param>
/// <param name="Output">What it printed (nbconvert and the kernel), for the teacher's log.</param>
/// <param name="TimedOut">Killed at the wall-clock limit.</param>
/// <param name="OomKills">Processes the kernel's OOM killer ended at the memory limit.</param>
/// <param name="ProcessLimitHits">Times a fork failed at the process limit.</param>
/// <param name="PeakBytes">Highest memory use of all its processes together (0 without a cgroup).</param>
/// <param name="Elapsed">Wall-clock time.</param>
public sealed record SandboxRun(int ExitCode, string Output, bool TimedOut, int OomKills, long ProcessLimitHits, long PeakBytes, TimeSpan Elapsed);

/// <summary>
/// Runs one submission's command with no network, a read-only view of the machine, its own work folder as the only
/// writable place, the teacher's folders hidden, and cgroup limits on memory and processes; kills all of it at the
/// wall-clock limit. Built from what the platform offers: bubblewrap for files and network, cgroup v1 for memory.
/// </summary>
/// <param name="Limits">The teacher's limits.</param>
/// <param name="Hidden">Folders the submission must not see (teacher's data, output folder, other submissions):
/// mounted over with an empty folder it cannot open, so a try fails with "Permission denied".</param>
/// <param name="Visible">Folders inside hidden ones that it needs to read (the package cache, the repository):
/// mounted back read-only.</param>
/// <param name="Isolate">False for <c>--no-sandbox</c> (and for a student's own check-homework): no bubblewrap; the cgroup
/// limits still apply where cgroups are writable.</param>
public sealed record Sandbox(SandboxLimits Limits, IReadOnlyList<string> Hidden, IReadOnlyList<string> Visible, bool Isolate)
{
    /// <summary>Why untrusted code cannot be sandboxed here (bubblewrap or the memory cgroup missing), or null.</summary>
    public static async Task<string?> WhyUnavailableAsync()
    {
        var probe = await ProcessRunner.RunAsync("bwrap",
            ["--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc", "--unshare-net", "--unshare-pid", "--cap-drop", "ALL", "true"],
            "/", TimeSpan.FromSeconds(30));
        if (!probe.Succeeded)
            return $"bubblewrap does not work here ({probe.Tail(3)}); install it with: apt-get install -y bubblewrap";
        return Cgroup.WhyUnavailable() is { } why ? $"no memory limit possible: {why}" : null;
    }

    /// <summary>
    /// Runs <paramref name="command"/> in <paramref name="workFolder"/> (the only writable folder) with
    /// <paramref name="environment"/> as its whole environment. <paramref name="name"/> names the cgroup.
    /// </summary>
    public async Task<SandboxRun> RunAsync(string name, string workFolder, IReadOnlyList<string> command,
        IReadOnlyDictionary<string, string> environment)
    {
        // Sandboxed, the group is required (the run's set-up checked that groups can be made; a failure here is the
        // grader's and names its cause); without the sandbox the limits apply where groups can be made.
        using var cgroup = Isolate || Cgroup.WhyUnavailable() is null ? Cgroup.Create(name, Limits.MemoryBytes, Limits.Processes) : null;
        var argv = new List<string>();
        if (cgroup is not null) argv.AddRange(["sh", "-c", cgroup.JoinAndExec, "sh"]);
        if (Isolate) argv.AddRange(Bubblewrap(workFolder, environment));
        argv.AddRange(command);

        var clock = Stopwatch.StartNew();
        var (exit, output, timedOut) = await RunOnOwnThread(argv, workFolder, environment, Limits.TimeLimit, () => cgroup?.KillAll());
        cgroup?.KillAll(); // nothing the submission started outlives its run
        return new SandboxRun(exit, output, timedOut, cgroup?.OomKills ?? 0, cgroup?.ProcessLimitHits ?? 0,
            cgroup?.PeakBytes ?? 0, clock.Elapsed);
    }

    // bubblewrap's --die-with-parent fires when the *thread* that started it ends, and thread-pool threads retire
    // when idle; so the process is started, and waited for, on a thread of its own that lives exactly as long as it.
    // If the grader itself is killed, that thread dies with it and so does the whole sandbox.
    private static Task<(int Exit, string Output, bool TimedOut)> RunOnOwnThread(IReadOnlyList<string> argv, string folder,
        IReadOnlyDictionary<string, string> environment, TimeSpan limit, Action killGroup)
    {
        var done = new TaskCompletionSource<(int, string, bool)>(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                var start = new ProcessStartInfo(argv[0])
                {
                    WorkingDirectory = folder, UseShellExecute = false,
                    RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true,
                };
                foreach (string a in argv.Skip(1)) start.ArgumentList.Add(a);
                start.Environment.Clear(); // nothing of the grader's environment reaches the submission
                foreach (var (key, value) in environment) start.Environment[key] = value;
                var output = new System.Text.StringBuilder();
                void OnLine(object _, DataReceivedEventArgs e)
                {
                    if (e.Data is null) return;
                    lock (output) if (output.Length < 1 << 20) output.Append(e.Data).Append('\n');
                }
                using var process = new Process { StartInfo = start };
                process.OutputDataReceived += OnLine;
                process.ErrorDataReceived += OnLine;
                process.Start();
                process.StandardInput.Close();
                process.BeginOutputReadLine();
                process.BeginErrorReadLine();
                bool timedOut = !process.WaitForExit(limit);
                if (timedOut)
                {
                    killGroup();
                    process.Kill(entireProcessTree: true);
                }
                process.WaitForExit();
                lock (output) done.SetResult((timedOut ? -1 : process.ExitCode, output.ToString(), timedOut));
            }
            catch (Exception e)
            {
                done.SetException(e);
            }
        }) { IsBackground = true, Name = "submission " + folder };
        thread.Start();
        return done.Task;
    }

    // --ro-bind / /: the machine read-only; --tmpfs /tmp: a private, empty /tmp; --unshare-net: only a loopback of its
    // own (the kernel and nbconvert talk over it); --unshare-pid + --die-with-parent: its processes die with the run;
    // --cap-drop ALL: root inside has no capabilities, so modes and read-only mounts hold; --new-session: no access
    // to the grader's terminal. --perms 0000 --tmpfs hides a folder: opening it fails with "Permission denied".
    private List<string> Bubblewrap(string workFolder, IReadOnlyDictionary<string, string> environment)
    {
        var args = new List<string>
        {
            "bwrap", "--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc", "--tmpfs", "/tmp",
            "--unshare-net", "--unshare-pid", "--unshare-ipc", "--die-with-parent", "--new-session", "--cap-drop", "ALL",
        };
        // Mounts apply in order, so outer folders go first: hiding HOME, then showing its package cache again, then
        // hiding the output folder inside the repository, then the work folder inside it.
        var mounts = Hidden.Select(f => (Path: Path.GetFullPath(f).TrimEnd('/'), Hide: true))
            .Concat(Visible.Select(f => (Path: Path.GetFullPath(f).TrimEnd('/'), Hide: false)))
            .DistinctBy(m => m.Path)
            .OrderBy(m => m.Path.Count(c => c == '/')).ThenBy(m => m.Path, StringComparer.Ordinal);
        foreach (var (folder, hide) in mounts)
        {
            if (!hide)
            {
                args.AddRange(["--ro-bind", folder, folder]);
                continue;
            }
            // A hidden folder that holds something mounted inside stays traversable (0711), never listable.
            bool holds = Visible.Append(workFolder).Any(v => Path.GetFullPath(v).StartsWith(folder + "/", StringComparison.Ordinal));
            args.AddRange(["--perms", holds ? "0711" : "0000", "--tmpfs", folder]);
        }
        args.AddRange(["--bind", workFolder, workFolder, "--chdir", workFolder, "--clearenv"]);
        foreach (var (key, value) in environment) args.AddRange(["--setenv", key, value]);
        return args;
    }
}
