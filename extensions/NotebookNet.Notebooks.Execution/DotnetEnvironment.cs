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
}
