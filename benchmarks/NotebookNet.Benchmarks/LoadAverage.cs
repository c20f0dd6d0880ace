namespace NotebookNet.Benchmarks;

/// <summary>The machine's load (as <c>uptime</c> prints it), to read the timings against: on a shared machine it is rarely 0.</summary>
internal static class LoadAverage
{
    public static string Read()
    {
        const string file = "/proc/loadavg";
        if (!File.Exists(file)) return "unknown on this system";
        var parts = File.ReadAllText(file).Split(' ');
        return parts.Length >= 3 ? $"{parts[0]} (1 min), {parts[1]} (5 min), {parts[2]} (15 min) on {Environment.ProcessorCount} CPUs" : "unreadable";
    }
}
