using System.Text.Json;
using NotebookNet.Notebooks.Execution;

namespace NotebookNet.Interactive.Tests;

public sealed class KernelSpecTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("notebooknet-kernelspec-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void The_kernelspec_starts_the_pinned_tool_local_only_and_restores_from_the_feed()
    {
        string feed = Path.Combine(_folder, "feed");

        string file = KernelSpec.Write(Path.Combine(_folder, "jupyter"), feed);

        Assert.Equal(Path.Combine(_folder, "jupyter", "kernels", KernelSpec.Name, "kernel.json"), file);
        using var json = JsonDocument.Parse(File.ReadAllText(file));
        string[] argv = json.RootElement.GetProperty("argv").EnumerateArray().Select(a => a.GetString()!).ToArray();
        Assert.Equal(["dotnet", "tool", "run", "dotnet-interactive", "--", "jupyter"], argv[..6]);
        Assert.Contains("--http-local-only", argv);
        Assert.Equal("{connection_file}", argv[^1]);
        var env = json.RootElement.GetProperty("env");
        Assert.Equal("1", env.GetProperty("DOTNET_INTERACTIVE_CLI_TELEMETRY_OPTOUT").GetString());
        Assert.Equal(feed, env.GetProperty("RestoreAdditionalProjectSources").GetString());
        Assert.True(Directory.Exists(feed), "a missing feed folder would fail every restore");
    }

    [Fact]
    public void A_relative_feed_folder_is_refused_with_the_value_received()
    {
        var e = Assert.Throws<ArgumentException>(() => KernelSpec.Write(_folder, "artifacts/feed"));
        Assert.Contains("'artifacts/feed'", e.Message);
    }
}
