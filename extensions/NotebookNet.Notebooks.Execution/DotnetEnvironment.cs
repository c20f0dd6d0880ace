namespace NotebookNet.Notebooks.Execution;

/// <summary>Environment variables for the dotnet processes this library starts.</summary>
public static class DotnetEnvironment
{
    /// <summary>No telemetry, no first-run banner.</summary>
    public static IReadOnlyDictionary<string, string?> Quiet { get; } = new Dictionary<string, string?>
    {
        ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
        ["DOTNET_INTERACTIVE_CLI_TELEMETRY_OPTOUT"] = "1",
        ["DOTNET_NOLOGO"] = "1",
    };

    /// <summary>
    /// The absolute path of the <c>dotnet</c> host on PATH (else under DOTNET_ROOT), so that a kernelspec works for
    /// front ends started with another PATH; plain "dotnet" if none is found.
    /// </summary>
    public static string FindDotnet() =>
        ExecutablePath.Find("dotnet")
        ?? (Environment.GetEnvironmentVariable("DOTNET_ROOT") is { Length: > 0 } root && File.Exists(Path.Combine(root, "dotnet"))
            ? Path.Combine(root, "dotnet")
            : "dotnet");
}
