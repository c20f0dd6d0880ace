using System.Text.Json;
using NotebookNet.Notebooks.Execution;

namespace NotebookNet.Interactive.Tests;

public sealed class KernelSpecTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("notebooknet-kernelspec-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void The_kernelspec_starts_the_pinned_tool_through_the_launcher_local_only_and_restores_from_the_feed()
    {
        string feed = Path.Combine(_folder, "feed");
        var repository = RepositoryLayout.Find(AppContext.BaseDirectory);

        string file = KernelSpec.Write(Path.Combine(_folder, "jupyter"), feed, repository);

        Assert.Equal(Path.Combine(_folder, "jupyter", "kernels", KernelSpec.Name, "kernel.json"), file);
        using var json = JsonDocument.Parse(File.ReadAllText(file));
        string[] argv = json.RootElement.GetProperty("argv").EnumerateArray().Select(a => a.GetString()!).ToArray();
        Assert.True(Path.IsPathFullyQualified(argv[0]) || argv[0] == "python3", argv[0]);
        Assert.Equal([repository.KernelLauncher, "--tool-dir", repository.Root, "--"], argv[1..5]);
        Assert.True(File.Exists(argv[1]), "the launcher is missing");
        Assert.Equal(["tool", "run", "dotnet-interactive", "--", "jupyter"], argv[6..11]);
        Assert.Contains("--http-local-only", argv);
        Assert.Equal("{connection_file}", argv[^1]);
        Assert.Equal("notebooknet-csharp", KernelSpec.Name);                 // not .net-csharp: no shadowing
        Assert.Equal("signal", json.RootElement.GetProperty("interrupt_mode").GetString());
        var env = json.RootElement.GetProperty("env");
        Assert.Equal("1", env.GetProperty("DOTNET_INTERACTIVE_CLI_TELEMETRY_OPTOUT").GetString());
        Assert.Equal(feed, env.GetProperty("RestoreAdditionalProjectSources").GetString());
        Assert.Equal(repository.Datasets, env.GetProperty("NOTEBOOKNET_DATASETS").GetString());
        Assert.True(Directory.Exists(feed), "a missing feed folder would fail every restore");
    }

    [Fact]
    public void Every_lecture_notebook_opens_with_the_project_kernel()
    {
        var repository = RepositoryLayout.Find(AppContext.BaseDirectory);
        foreach (string notebook in Directory.GetFiles(repository.Notebooks, "*.ipynb", SearchOption.AllDirectories))
        {
            using var json = JsonDocument.Parse(File.ReadAllText(notebook));
            var spec = json.RootElement.GetProperty("metadata").GetProperty("kernelspec");
            Assert.Equal(KernelSpec.Name, spec.GetProperty("name").GetString());
            Assert.Equal(KernelSpec.DisplayName, spec.GetProperty("display_name").GetString());
        }
    }

    [Fact]
    public void A_relative_feed_folder_is_refused_with_the_value_received()
    {
        var e = Assert.Throws<ArgumentException>(() => KernelSpec.Write(_folder, "artifacts/feed"));
        Assert.Contains("'artifacts/feed'", e.Message);
    }
}
