using System.Diagnostics;
using System.Text;

namespace NotebookNet.Notebooks.Execution;

/// <summary>What a finished child process did.</summary>
/// <param name="ExitCode">The exit code, or -1 when it was killed after <see cref="TimedOut"/>.</param>
/// <param name="Output">Standard output and standard error, interleaved as they arrived.</param>
/// <param name="TimedOut">True when the process ran past its time limit and was killed.</param>
/// <param name="Elapsed">Wall-clock time.</param>
public sealed record ProcessResult(int ExitCode, string Output, bool TimedOut, TimeSpan Elapsed)
{
    /// <summary>Exited with 0 in time.</summary>
    public bool Succeeded => ExitCode == 0 && !TimedOut;

    /// <summary>The last <paramref name="lines"/> lines of output, for error messages.</summary>
    public string Tail(int lines = 30) =>
        string.Join('\n', Output.Split('\n').TakeLast(lines)).TrimEnd();
}

/// <summary>Runs a command to completion, capturing its output.</summary>
public static class ProcessRunner
{
    /// <summary>Runs <paramref name="fileName"/> with <paramref name="arguments"/> (passed one by one, no shell).</summary>
    /// <param name="fileName">Program name on PATH or a path.</param>
    /// <param name="arguments">Arguments, not quoted.</param>
    /// <param name="workingDirectory">Working directory of the process.</param>
    /// <param name="timeout">Kills the whole process tree after this long.</param>
    /// <param name="environment">Variables to set (a null value removes the variable).</param>
    /// <param name="echo">Receives each output line as it arrives (e.g. Console.WriteLine), or null.</param>
    public static async Task<ProcessResult> RunAsync(
        string fileName,
        IEnumerable<string> arguments,
        string workingDirectory,
        TimeSpan timeout,
        IReadOnlyDictionary<string, string?>? environment = null,
        Action<string>? echo = null)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (string a in arguments) start.ArgumentList.Add(a);
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null) start.Environment.Remove(name);
            else start.Environment[name] = value;
        }

        var output = new StringBuilder();
        void OnLine(string? line)
        {
            if (line is null) return;
            lock (output) output.Append(line).Append('\n');
            echo?.Invoke(line);
        }

        var clock = Stopwatch.StartNew();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return new ProcessResult(-1, $"Could not start '{fileName}': {e.Message}", false, clock.Elapsed);
        }
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        bool timedOut = false;
        using (var limit = new CancellationTokenSource(timeout))
        {
            try
            {
                await process.WaitForExitAsync(limit.Token);
            }
            catch (OperationCanceledException)
            {
                timedOut = true;
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
        }
        process.WaitForExit(); // flushes the asynchronous output readers
        string text;
        lock (output) text = output.ToString();
        if (timedOut) text += $"\n(killed after the time limit of {timeout.TotalSeconds:0} s)";
        return new ProcessResult(timedOut ? -1 : process.ExitCode, text, timedOut, clock.Elapsed);
    }
}
