using System.Globalization;

namespace NotebookNet.Hub.Tests;

/// <summary>A student's cgroups (v1) as the hub's spawner makes them: <c>/sys/fs/cgroup/{memory,cpu}/&lt;parent&gt;/&lt;student&gt;</c>.</summary>
/// <param name="Parent">The spawner's <c>cgroup_parent</c>.</param>
/// <param name="Student">The student's account name.</param>
public sealed record StudentCgroup(string Parent, string Student)
{
    /// <summary>The memory cgroup's folder.</summary>
    public string Memory => Path.Combine("/sys/fs/cgroup/memory", Parent, Student);

    /// <summary>The cpu cgroup's folder.</summary>
    public string Cpu => Path.Combine("/sys/fs/cgroup/cpu", Parent, Student);

    /// <summary>Either group still exists.</summary>
    public bool Exists => Directory.Exists(Memory) || Directory.Exists(Cpu);

    /// <summary>memory.limit_in_bytes.</summary>
    public long MemoryLimit => Read(Memory, "memory.limit_in_bytes");

    /// <summary>The most memory the group's processes used at once since it was made or <see cref="ResetPeak"/> (page cache included).</summary>
    public long PeakMemory => Read(Memory, "memory.max_usage_in_bytes");

    /// <summary>How often the group hit its memory limit.</summary>
    public long LimitHits => Read(Memory, "memory.failcnt");

    /// <summary>CPU time allowed per period: cpu.cfs_quota_us / cpu.cfs_period_us, in cores.</summary>
    public double Cores => (double)Read(Cpu, "cpu.cfs_quota_us") / Read(Cpu, "cpu.cfs_period_us");

    /// <summary>Restarts <see cref="PeakMemory"/> from the current use.</summary>
    public void ResetPeak() => File.WriteAllText(Path.Combine(Memory, "memory.max_usage_in_bytes"), "0");

    /// <summary>The processes in the memory group.</summary>
    public IReadOnlyList<int> MemoryPids => Pids(Memory);

    /// <summary>The processes in the cpu group.</summary>
    public IReadOnlyList<int> CpuPids => Pids(Cpu);

    private static IReadOnlyList<int> Pids(string group) =>
        File.ReadAllLines(Path.Combine(group, "cgroup.procs")).Where(l => l.Length > 0).Select(int.Parse).ToArray();

    private static long Read(string group, string file) =>
        long.Parse(File.ReadAllText(Path.Combine(group, file)).Trim(), CultureInfo.InvariantCulture);
}
