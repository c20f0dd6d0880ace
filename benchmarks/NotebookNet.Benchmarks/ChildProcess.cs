using System.Diagnostics;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace NotebookNet.Benchmarks;

/// <summary>
/// Runs one measurement in a fresh process of this program (<c>--child train MLP 32</c>, <c>--child infer CNN2</c>), so
/// that each model's peak working set is its own and no model inherits another's heap. The child prints its
/// <see cref="ChildReport"/> as one JSON line after <see cref="Marker"/>.
/// </summary>
internal static class ChildProcess
{
    public const string Marker = "CHILD-REPORT ";

    // NaN marks a figure that was not measured.
    private static readonly JsonSerializerOptions Json = new() { NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals };

    public static ChildReport Run(BenchmarkOptions options, params string[] childArgs)
    {
        var start = new ProcessStartInfo { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        string host = Environment.ProcessPath ?? throw new InvalidOperationException("Cannot find this program's executable to start a child.");
        start.FileName = host;
        // Under `dotnet NotebookNet.Benchmarks.dll` the process is the dotnet host: give it the assembly again.
        if (Path.GetFileNameWithoutExtension(host).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
            start.ArgumentList.Add(Assembly.GetEntryAssembly()!.Location);
        foreach (string a in options.ToArguments()) start.ArgumentList.Add(a);
        start.ArgumentList.Add("--child");
        foreach (string a in childArgs) start.ArgumentList.Add(a);

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {host}.");
        var stderr = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        string? line = stdout.Split('\n').FirstOrDefault(l => l.StartsWith(Marker, StringComparison.Ordinal));
        if (process.ExitCode != 0 || line is null)
            throw new InvalidOperationException($"Child '{string.Join(' ', childArgs)}' failed (exit code {process.ExitCode}):\n{stdout}\n{stderr.Result}");
        return JsonSerializer.Deserialize<ChildReport>(line[Marker.Length..], Json)!;
    }

    /// <summary>The child's side: runs what <paramref name="childArgs"/> asks and prints the report.</summary>
    public static void Serve(BenchmarkOptions options, string[] childArgs)
    {
        var runs = new ModelRuns(options);
        var report = childArgs switch
        {
            ["train", var model, var batch] => runs.Train(Models.Find(model), int.Parse(batch)),
            ["infer", var model] => runs.Infer(Models.Find(model)),
            _ => throw new ArgumentException($"--child: expected 'train MODEL BATCH' or 'infer MODEL'; received '{string.Join(' ', childArgs)}'."),
        };
        Console.WriteLine(Marker + JsonSerializer.Serialize(report, Json));
    }
}
