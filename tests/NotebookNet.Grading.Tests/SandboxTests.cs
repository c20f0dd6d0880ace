namespace NotebookNet.Grading.Tests;

/// <summary>The sandbox on small commands: each limit and refusal as a submission would meet it.</summary>
[Collection(GradingCollection.Name)]
public sealed class SandboxTests : IDisposable
{
    // Not under /tmp: the sandbox has a private /tmp of its own, where writes succeed and vanish.
    private readonly string _root = Directory.CreateDirectory(Path.Combine(
        Notebooks.Execution.RepositoryLayout.Find(AppContext.BaseDirectory).Artifacts, "tests", "sandbox-" + Guid.NewGuid().ToString("N")[..8])).FullName;

    private string Work => Directory.CreateDirectory(Path.Combine(_root, "out", "work", "w")).FullName;

    // As the grader does: the repository shown read-only (it may sit under /tmp, which the sandbox replaces).
    private Sandbox Make(SandboxLimits? limits = null, params string[] hidden) =>
        new(limits ?? SandboxLimits.Default with { TimeLimit = TimeSpan.FromSeconds(30) },
            [Path.Combine(_root, "out"), .. hidden], [Notebooks.Execution.RepositoryLayout.Find(AppContext.BaseDirectory).Root], Isolate: true);

    private static readonly Dictionary<string, string> Env = new() { ["PATH"] = "/usr/local/bin:/usr/bin:/bin" };

    private Task<SandboxRun> Sh(Sandbox sandbox, string script) =>
        sandbox.RunAsync("test-" + Guid.NewGuid().ToString("N")[..8], Work, ["sh", "-c", script], Env);

    [SkippableFact]
    public async Task Writing_outside_the_work_folder_fails_with_a_read_only_file_system_and_inside_it_works()
    {
        await GradingRequirements.RequireSandboxAsync();
        string outside = Path.Combine(_root, "outside.txt");

        var run = await Sh(Make(), $"echo inside > inside.txt && cat inside.txt && echo x > '{outside}'");

        Assert.Contains("inside", run.Output);
        Assert.Contains("Read-only file system", run.Output);
        Assert.False(File.Exists(outside));
    }

    [SkippableFact]
    public async Task A_hidden_folder_cannot_be_read_and_the_network_is_unreachable()
    {
        await GradingRequirements.RequireSandboxAsync();
        string teacher = Directory.CreateDirectory(Path.Combine(_root, "teacher")).FullName;
        File.WriteAllText(Path.Combine(teacher, "answers.txt"), "secret");

        var run = await Sh(Make(null, teacher),
            $"cat '{teacher}/answers.txt'; ls '{teacher}'; python3 -c \"import socket; socket.create_connection(('1.1.1.1', 80), 5)\"");

        Assert.DoesNotContain("secret", run.Output);
        Assert.Contains("Permission denied", run.Output);
        Assert.Contains("Network is unreachable", run.Output);
    }

    [SkippableFact]
    public async Task An_endless_loop_is_killed_at_the_time_limit_with_everything_it_started()
    {
        await GradingRequirements.RequireSandboxAsync();
        string marker = "sleeper-" + Guid.NewGuid().ToString("N")[..8];

        var run = await Sh(Make(SandboxLimits.Default with { TimeLimit = TimeSpan.FromSeconds(2) }),
            $"(exec -a {marker} sleep 600) & while true; do :; done");

        Assert.True(run.TimedOut);
        Assert.InRange(run.Elapsed.TotalSeconds, 1.5, 20);
        Assert.DoesNotContain(Directory.GetDirectories("/proc").Select(p => Path.Combine(p, "cmdline")),
            f => File.Exists(f) && Read(f).Contains(marker, StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task A_process_using_more_memory_than_the_limit_is_killed_and_counted()
    {
        await GradingRequirements.RequireSandboxAsync();

        var run = await Sh(Make(SandboxLimits.Default with { MemoryBytes = 256L << 20 }),
            "python3 -c \"b = bytearray(1 << 30); print(len(b))\"");

        Assert.True(run.OomKills > 0, run.Output);
        Assert.NotEqual(0, run.ExitCode);
    }

    [SkippableFact]
    public async Task Probing_for_cgroups_from_several_threads_at_once_finds_them_every_time()
    {
        await GradingRequirements.RequireSandboxAsync();
        bool pids = Cgroup.PidsWritable();
        using var start = new Barrier(4);

        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Factory.StartNew(() =>
        {
            start.SignalAndWait();
            return Enumerable.Range(0, 300).Select(_ => (Memory: Cgroup.WhyUnavailable(), Pids: Cgroup.PidsWritable())).ToList();
        }, TaskCreationOptions.LongRunning)));

        var all = answers.SelectMany(a => a).ToList();
        Assert.All(all, a => Assert.Null(a.Memory));
        Assert.All(all, a => Assert.Equal(pids, a.Pids));
    }

    [SkippableFact]
    public async Task Runs_started_at_the_same_moment_each_get_their_own_limited_group()
    {
        await GradingRequirements.RequireSandboxAsync();
        bool pids = Cgroup.PidsWritable();
        var sandbox = Make(SandboxLimits.Default with { MemoryBytes = 300L << 20, Processes = 50 });

        // As `grade --jobs N` starts submissions: every run probes and makes its groups at the same moment.
        var runs = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
            Sh(sandbox, "cat /proc/self/cgroup; " +
                "echo limit $(cat /sys/fs/cgroup/memory$(grep :memory: /proc/self/cgroup | cut -d: -f3)/memory.limit_in_bytes)"))));

        var memoryGroups = new HashSet<string>();
        foreach (var run in runs)
        {
            Assert.True(run.ExitCode == 0, run.Output);
            string memory = run.Output.Split('\n').Single(l => l.Split(':') is [_, "memory", _]);
            Assert.Contains(Cgroup.Prefix + Environment.ProcessId + "-test-", memory);
            Assert.True(memoryGroups.Add(memory), $"two runs shared the group {memory}");
            Assert.Contains($"limit {300L << 20}", run.Output);
            if (pids) Assert.Contains(run.Output.Split('\n'), l => l.Split(':') is [_, "pids", var g] && g.Contains(Cgroup.Prefix));
        }
        Assert.Equal(8, memoryGroups.Count);
    }

    [SkippableFact]
    public async Task A_fork_bomb_meets_the_process_limit()
    {
        await GradingRequirements.RequireSandboxAsync();
        Skip.IfNot(Cgroup.PidsWritable(), "the pids cgroup controller is not writable here");

        var run = await Sh(Make(SandboxLimits.Default with { Processes = 64, TimeLimit = TimeSpan.FromSeconds(5) }),
            "f() { f | f & }; f; sleep 3");

        Assert.True(run.ProcessLimitHits > 0, run.Output);
    }

    [SkippableFact]
    public async Task Stale_groups_of_a_killed_grader_are_removed_and_those_of_a_running_grader_are_kept()
    {
        await GradingRequirements.RequireSandboxAsync();
        int dead = Enumerable.Range(100_000, 1000).First(pid => !Directory.Exists($"/proc/{pid}"));
        string stale = $"/sys/fs/cgroup/memory/{Cgroup.Prefix}{dead}-left-behind";
        Directory.CreateDirectory(stale);
        using var live = Cgroup.Create("still-running", 64L << 20, 64);
        string liveFolder = $"/sys/fs/cgroup/memory/{Cgroup.Prefix}{Environment.ProcessId}-still-running";

        Cgroup.RemoveStale();

        Assert.False(Directory.Exists(stale));
        Assert.True(Directory.Exists(liveFolder));
    }

    private static string Read(string file)
    {
        try { return File.ReadAllText(file); }
        catch (IOException) { return ""; }
        catch (UnauthorizedAccessException) { return ""; }
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
