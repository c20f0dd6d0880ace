using System.Runtime.InteropServices;

namespace NotebookNet.Hub.Tests;

/// <summary>A process as /proc shows it.</summary>
/// <param name="Pid">The process id.</param>
/// <param name="Uid">The real user id.</param>
/// <param name="ProcessGroup">The process group id.</param>
/// <param name="CommandLine">The arguments, joined by spaces.</param>
/// <param name="State">R, S, D, Z (a zombie: ended, waiting for its parent to collect it) ...</param>
public sealed record ProcessEntry(int Pid, int Uid, int ProcessGroup, string CommandLine, char State)
{
    /// <summary>Still running (or able to): anything but a zombie, which holds no memory and runs nothing.</summary>
    public bool IsRunning => State != 'Z';
}

/// <summary>Reads /proc and sends signals, for starting servers in their own process group and finding leftovers.</summary>
public static class ProcessTable
{
    /// <summary>Every process still there when read, zombies included.</summary>
    public static IReadOnlyList<ProcessEntry> All()
    {
        var entries = new List<ProcessEntry>();
        foreach (string folder in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(folder), out int pid)) continue;
            try
            {
                string uidLine = File.ReadLines(Path.Combine(folder, "status")).First(l => l.StartsWith("Uid:", StringComparison.Ordinal));
                int uid = int.Parse(uidLine.Split('\t', StringSplitOptions.RemoveEmptyEntries)[1]);
                // stat: "pid (comm) state ppid pgrp ..."; comm may hold spaces, so split after its closing parenthesis.
                string stat = File.ReadAllText(Path.Combine(folder, "stat"));
                string[] fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                int group = int.Parse(fields[2]);
                string command = File.ReadAllText(Path.Combine(folder, "cmdline")).Replace('\0', ' ').Trim();
                entries.Add(new ProcessEntry(pid, uid, group, command, fields[0][0]));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException)
            {
                // It ended while we read it.
            }
        }
        return entries;
    }

    /// <summary>The running processes of user <paramref name="uid"/>.</summary>
    public static IReadOnlyList<ProcessEntry> OfUser(int uid) => All().Where(p => p.Uid == uid && p.IsRunning).ToArray();

    /// <summary>The numeric id of account <paramref name="name"/>, or null if there is none.</summary>
    public static int? UidOf(string name)
    {
        foreach (string line in File.ReadLines("/etc/passwd"))
        {
            string[] fields = line.Split(':');
            if (fields.Length > 2 && fields[0] == name) return int.Parse(fields[2]);
        }
        return null;
    }

    /// <summary>Sends <paramref name="signal"/> to process <paramref name="pid"/> (a negative id: its whole group).</summary>
    public static void Signal(int pid, int signal) => _ = Kill(pid, signal);

    /// <summary>SIGTERM.</summary>
    public const int SigTerm = 15;

    /// <summary>SIGKILL.</summary>
    public const int SigKill = 9;

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
