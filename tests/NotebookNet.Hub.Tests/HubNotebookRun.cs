using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;

namespace NotebookNet.Hub.Tests;

/// <summary>A notebook run cell by cell in a student's kernel through the hub.</summary>
/// <param name="Student">Whose server ran it.</param>
/// <param name="Elapsed">From opening the session (the kernel starts) to the last cell's reply.</param>
/// <param name="KernelPeakBytes">The kernel process's peak resident memory (VmHWM).</param>
/// <param name="Cells">Each code cell's result, up to the first that failed.</param>
public sealed record HubNotebookRun(string Student, TimeSpan Elapsed, long KernelPeakBytes, IReadOnlyList<CellResult> Cells)
{
    /// <summary>Every code cell ran without error.</summary>
    public bool Passed => Cells.Count > 0 && Cells.All(c => c.Ok);

    /// <summary>The failing cell's error, for assertion messages.</summary>
    public string Failure => Cells.FirstOrDefault(c => !c.Ok)?.Error ?? "";

    /// <summary>
    /// Reads <paramref name="notebookPath"/> from the student's server (the student's own copy), opens it with
    /// <paramref name="kernelName"/> and runs its code cells in order, stopping at the first failure.
    /// </summary>
    public static async Task<HubNotebookRun> RunAsync(
        HubClient hub, string student, string token, string notebookPath, string kernelName, StudentCgroup cgroup)
    {
        JsonNode notebook;
        using (var response = await hub.SendAsync(HttpMethod.Get, $"user/{student}/api/contents/{notebookPath}?content=1", token))
            notebook = (await HubClient.JsonAsync(response, HttpStatusCode.OK))["content"]!;
        var code = notebook["cells"]!.AsArray()
            .Where(c => (string?)c!["cell_type"] == "code")
            .Select(c => c!["source"] is JsonArray lines ? string.Concat(lines.Select(l => (string?)l)) : (string)c["source"]!)
            .ToArray();

        var clock = Stopwatch.StartNew();
        var cells = new List<CellResult>();
        long peak;
        await using (var session = await KernelSession.OpenAsync(hub, student, token, notebookPath, kernelName))
        {
            foreach (string source in code)
            {
                var cell = await session.ExecuteAsync(source, TimeSpan.FromMinutes(8));
                cells.Add(cell);
                if (!cell.Ok) break;
            }
            peak = KernelPeak(cgroup);
        }
        return new HubNotebookRun(student, clock.Elapsed, peak, cells);
    }

    // The kernel (the dotnet-interactive tool, started by the kernelspec's launcher) is in the student's cgroup, or the
    // spawner failed. The launcher's and its supervisor's command lines name the tool too, after the launcher's.
    private static long KernelPeak(StudentCgroup cgroup)
    {
        var kernel = ProcessTable.All().Where(p => cgroup.MemoryPids.Contains(p.Pid))
            .FirstOrDefault(p => p.CommandLine.Split(' ')[0].EndsWith("/dotnet-interactive", StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"No kernel process in {cgroup.Memory}.");
        string line = File.ReadLines($"/proc/{kernel.Pid}/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024;
    }
}
