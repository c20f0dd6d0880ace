using System.Runtime.InteropServices;

namespace NotebookNet.Grading;

/// <summary>
/// A cgroup v1 group for one submission: a memory limit (<c>/sys/fs/cgroup/memory/&lt;name&gt;/memory.limit_in_bytes</c>,
/// swap included where <c>memory.memsw</c> exists) and, where that controller is writable, a process limit
/// (<c>/sys/fs/cgroup/pids/&lt;name&gt;/pids.max</c>). Every process started through <see cref="JoinAndExec"/>, and
/// everything it starts, stays in the group, so <see cref="KillAll"/> ends all of it.
/// </summary>
/// <remarks>
/// The memory controller counts what is really used (unlike RLIMIT_AS, which counts reserved address space and
/// stops .NET from starting); .NET reads the limit and throws OutOfMemoryException near it, and the kernel's OOM
/// killer ends the group's biggest process at it. systemd-run, the usual way, needs systemd as PID 1.
/// </remarks>
internal sealed class Cgroup : IDisposable
{
    private const string MemoryRoot = "/sys/fs/cgroup/memory";
    private const string PidsRoot = "/sys/fs/cgroup/pids";

    /// <summary>The prefix of every group the grader makes; the grader's process id follows, so the groups of a
    /// grader that was killed can be told from those of one still running.</summary>
    public const string Prefix = "notebooknet-grade-";

    private static string Own(string name) => $"{Prefix}{Environment.ProcessId}-{name}";

    // A probe group of its own for every call: submissions graded in parallel probe at the same moment, and with one
    // shared name one call's rmdir made the other's check fail (a submission reported "no memory cgroup").
    private static string Probe(string root) => Path.Combine(root, Own("probe-" + Guid.NewGuid().ToString("N")[..12]));

    private readonly string _memory;
    private readonly string? _pids;

    private Cgroup(string memory, string? pids)
    {
        _memory = memory;
        _pids = pids;
    }

    /// <summary>Why no memory cgroup can be made here, or null when it can.</summary>
    public static string? WhyUnavailable()
    {
        string probe = Probe(MemoryRoot);
        try
        {
            Directory.CreateDirectory(probe);
            bool ok = File.Exists(Path.Combine(probe, "memory.limit_in_bytes"));
            Directory.Delete(probe);
            return ok ? null : $"{MemoryRoot} is not a cgroup v1 memory hierarchy (no memory.limit_in_bytes)";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"cannot create a cgroup in {MemoryRoot} ({e.Message})";
        }
    }

    /// <summary>True when a pids cgroup can be made, so fork bombs meet a process limit.</summary>
    public static bool PidsWritable()
    {
        string probe = Probe(PidsRoot);
        try
        {
            Directory.CreateDirectory(probe);
            bool ok = File.Exists(Path.Combine(probe, "pids.max"));
            Directory.Delete(probe);
            return ok;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>Makes the group <c>notebooknet-grade-&lt;this process's id&gt;-&lt;name&gt;</c> with the given limits.</summary>
    public static Cgroup Create(string name, long memoryBytes, int processes)
    {
        string memory = Path.Combine(MemoryRoot, Own(name));
        RemoveIfEmpty(memory);
        Directory.CreateDirectory(memory);
        File.WriteAllText(Path.Combine(memory, "memory.limit_in_bytes"), memoryBytes.ToString());
        string swap = Path.Combine(memory, "memory.memsw.limit_in_bytes");
        if (File.Exists(swap)) File.WriteAllText(swap, memoryBytes.ToString());
        string? pids = null;
        if (PidsWritable())
        {
            pids = Path.Combine(PidsRoot, Own(name));
            RemoveIfEmpty(pids);
            Directory.CreateDirectory(pids);
            File.WriteAllText(Path.Combine(pids, "pids.max"), processes.ToString());
        }
        return new Cgroup(memory, pids);
    }

    /// <summary>True when the group has a process limit.</summary>
    public bool LimitsProcesses => _pids is not null;

    /// <summary>
    /// <c>sh -c</c> script that moves the shell into the group, then execs its arguments: the command starts inside
    /// the group, before it can start anything.
    /// </summary>
    public string JoinAndExec =>
        string.Concat(Groups.Select(g => $"echo $$ > '{Path.Combine(g, "cgroup.procs")}' && ")) + "exec \"$@\"";

    /// <summary>Times the kernel's OOM killer ended a process of the group.</summary>
    public int OomKills =>
        File.ReadLines(Path.Combine(_memory, "memory.oom_control"))
            .Select(l => l.Split(' '))
            .Where(p => p.Length == 2 && p[0] == "oom_kill")
            .Select(p => int.Parse(p[1]))
            .FirstOrDefault();

    /// <summary>Highest memory use of the group, in bytes.</summary>
    public long PeakBytes => long.Parse(File.ReadAllText(Path.Combine(_memory, "memory.max_usage_in_bytes")).Trim());

    /// <summary>Times the group ran into its process limit.</summary>
    public long ProcessLimitHits =>
        _pids is null ? 0 : File.ReadLines(Path.Combine(_pids, "pids.events"))
            .Select(l => l.Split(' ')).Where(p => p is ["max", _]).Select(p => long.Parse(p[1])).FirstOrDefault();

    /// <summary>Process ids now in the group.</summary>
    public IReadOnlyList<int> Processes =>
        Groups.SelectMany(g => File.ReadAllLines(Path.Combine(g, "cgroup.procs"))).Where(l => l.Length > 0).Select(int.Parse).Distinct().ToList();

    /// <summary>Sends SIGKILL to every process of the group until none is left (forks racing the kill included).</summary>
    public void KillAll()
    {
        for (int round = 0; round < 200; round++)
        {
            var pids = Processes;
            if (pids.Count == 0) return;
            foreach (int pid in pids) _ = Kill(pid, SigKill);
            Thread.Sleep(25);
        }
        throw new InvalidOperationException($"Processes {string.Join(", ", Processes)} of cgroup {_memory} survived SIGKILL for 5 s.");
    }

    /// <summary>Kills what is left and removes the group.</summary>
    public void Dispose()
    {
        KillAll();
        foreach (string g in Groups) RemoveIfEmpty(g);
    }

    /// <summary>Removes the groups of graders that are no longer running (a killed run), killing what still runs
    /// in them; the groups of a grader still running (another teacher's, a test's) are left alone.</summary>
    public static void RemoveStale()
    {
        foreach (string root in new[] { MemoryRoot, PidsRoot })
        {
            if (!Directory.Exists(root)) continue;
            foreach (string g in Directory.GetDirectories(root, Prefix + "*"))
            {
                string owner = Path.GetFileName(g)[Prefix.Length..].Split('-')[0];
                if (!int.TryParse(owner, out int pid) || Directory.Exists($"/proc/{pid}")) continue;
                try
                {
                    new Cgroup(g, null).KillAll();
                    RemoveIfEmpty(g);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
            }
        }
    }

    private IEnumerable<string> Groups => _pids is null ? [_memory] : [_memory, _pids];

    private static void RemoveIfEmpty(string group)
    {
        if (!Directory.Exists(group)) return;
        for (int attempt = 0; attempt < 40; attempt++)
        {
            try
            {
                Directory.Delete(group); // a cgroup directory is removed with rmdir, its control files included
                return;
            }
            catch (IOException) when (attempt < 39)
            {
                Thread.Sleep(25); // the last process is still exiting
            }
        }
    }

    private const int SigKill = 9;

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
