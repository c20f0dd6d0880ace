using System.Globalization;
using System.Net;

namespace NotebookNet.Hub.Tests;

/// <summary>A TCP socket in LISTEN state.</summary>
/// <param name="Address">The local address it is bound to.</param>
/// <param name="Port">The local port.</param>
/// <param name="Pid">A process holding it.</param>
public sealed record ListeningSocket(IPAddress Address, int Port, int Pid)
{
    /// <summary>Reachable from this machine only.</summary>
    public bool IsLoopback => IPAddress.IsLoopback(Address);

    /// <inheritdoc/>
    public override string ToString() => $"{Address}:{Port} (pid {Pid})";
}

/// <summary>The listening TCP sockets of given processes, from /proc/net/tcp{,6} and /proc/&lt;pid&gt;/fd.</summary>
public static class ListeningSockets
{
    /// <summary>Every listening socket held by one of <paramref name="pids"/>.</summary>
    public static IReadOnlyList<ListeningSocket> Of(IEnumerable<int> pids)
    {
        var owners = new Dictionary<string, int>();
        foreach (int pid in pids)
        {
            try
            {
                foreach (string fd in Directory.EnumerateFileSystemEntries($"/proc/{pid}/fd"))
                    if (new FileInfo(fd).LinkTarget is { } target && target.StartsWith("socket:[", StringComparison.Ordinal))
                        owners.TryAdd(target[8..^1], pid);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // It ended while we read it.
            }
        }
        var sockets = new List<ListeningSocket>();
        foreach (string table in (string[])["/proc/net/tcp", "/proc/net/tcp6"])
        {
            foreach (string line in File.ReadLines(table).Skip(1))
            {
                // "sl local_address rem_address st ... inode": address as hex (little-endian words), state 0A = LISTEN.
                string[] f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (f[3] != "0A" || !owners.TryGetValue(f[9], out int pid)) continue;
                string[] local = f[1].Split(':');
                sockets.Add(new ListeningSocket(Address(local[0]), int.Parse(local[1], NumberStyles.HexNumber), pid));
            }
        }
        return sockets;
    }

    private static IPAddress Address(string hex)
    {
        var bytes = Convert.FromHexString(hex);
        for (int word = 0; word < bytes.Length; word += 4) Array.Reverse(bytes, word, 4);
        var address = new IPAddress(bytes);
        return address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
    }
}
