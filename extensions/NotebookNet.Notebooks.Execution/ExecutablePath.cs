namespace NotebookNet.Notebooks.Execution;

/// <summary>Finds programs on PATH as a shell would.</summary>
public static class ExecutablePath
{
    /// <summary>The full path of the first executable file called <paramref name="name"/> in PATH's folders, or null.</summary>
    /// <param name="name">A program name, e.g. "jupyter".</param>
    /// <param name="path">The search path; by default the PATH environment variable.</param>
    public static string? Find(string name, string? path = null)
    {
        foreach (string folder in (path ?? Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator))
        {
            if (folder.Length == 0) continue;
            string candidate = Path.Combine(folder, name);
            if (File.Exists(candidate) && (OperatingSystem.IsWindows() || IsExecutable(candidate))) return candidate;
        }
        return null;
    }

    /// <summary>
    /// The interpreter a script's <c>#!</c> line names (for <c>#!/usr/bin/env python3</c>, python3 found on PATH),
    /// or null when the file has no such line.
    /// </summary>
    public static string? Shebang(string script)
    {
        string first;
        try
        {
            using var reader = new StreamReader(script);
            first = reader.ReadLine() ?? "";
        }
        catch (IOException)
        {
            return null;
        }
        if (!first.StartsWith("#!", StringComparison.Ordinal)) return null;
        string[] parts = first[2..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0) return null;
        if (Path.GetFileName(parts[0]) == "env") return parts.Length > 1 ? Find(parts[1]) : null;
        return File.Exists(parts[0]) ? parts[0] : null;
    }

    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private static bool IsExecutable(string file) =>
        (File.GetUnixFileMode(file) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0;
}
