using System.Text.Json;
using System.Text.Json.Nodes;
using NotebookNet.Homework;
using NotebookNet.Notebooks.Execution;

namespace NotebookNet.Grading;

/// <summary>
/// The one folder a submission may write: the combined notebook (student cells, then fresh copies of the official
/// checks), a copy of the kernel's tool manifest, a private HOME whose NuGet.Config lists only the local feed (the
/// sandbox has no network; everything else comes from the machine's package cache, read-only), and the model file
/// the hand-in cell writes.
/// </summary>
internal sealed class SubmissionWorkspace
{
    public const string NotebookName = "submission";

    private SubmissionWorkspace(string folder) => Folder = folder;

    public string Folder { get; }

    public string Notebook => Path.Combine(Folder, NotebookName + ".ipynb");

    public string Executed => Path.Combine(Folder, "executed", NotebookName + ".ipynb");

    public string ModelFile => Path.Combine(Folder, "model.nbm");

    public string Home => Path.Combine(Folder, "home");

    public static SubmissionWorkspace Create(GradingContext context, string id, JsonObject combined)
    {
        var workspace = new SubmissionWorkspace(Path.Combine(context.Work, id));
        if (Directory.Exists(workspace.Folder)) Directory.Delete(workspace.Folder, recursive: true);
        Directory.CreateDirectory(Path.Combine(workspace.Folder, "executed"));
        Directory.CreateDirectory(Path.Combine(workspace.Folder, "tmp"));
        File.WriteAllText(workspace.Notebook, combined.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        string manifest = Path.Combine(context.Repository.Root, ".config", "dotnet-tools.json");
        Directory.CreateDirectory(Path.Combine(workspace.Folder, ".config"));
        File.Copy(manifest, Path.Combine(workspace.Folder, ".config", "dotnet-tools.json"));
        string nugetConfig = Path.Combine(workspace.Home, ".nuget", "NuGet", "NuGet.Config");
        Directory.CreateDirectory(Path.GetDirectoryName(nugetConfig)!);
        File.WriteAllText(nugetConfig, $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="notebooknet-local" value="{context.Setup.FeedFolder}" />
              </packageSources>
            </configuration>
            """);
        return workspace;
    }

    /// <summary><c>dotnet tool restore</c> (offline, from the package cache) then nbconvert with every cell run even after errors.</summary>
    public IReadOnlyList<string> Command(SandboxLimits limits) =>
    [
        "sh", "-c", "dotnet tool restore >/dev/null && exec \"$@\"", "sh",
        "jupyter", "nbconvert", "--to", "notebook", "--execute", "--allow-errors",
        $"--ExecutePreprocessor.kernel_name={KernelSpec.Name}",
        $"--ExecutePreprocessor.timeout={(int)limits.TimeLimit.TotalSeconds}",
        "--output-dir", Path.GetDirectoryName(Executed)!, "--output", NotebookName, Notebook,
    ];

    /// <summary>The submission's whole environment.</summary>
    public IReadOnlyDictionary<string, string> Environment(GradingContext context, bool isolated)
    {
        var env = new Dictionary<string, string>
        {
            ["PATH"] = System.Environment.GetEnvironmentVariable("PATH") ?? "/usr/local/bin:/usr/bin:/bin",
            ["HOME"] = Home,
            ["LANG"] = "C.UTF-8",
            ["TMPDIR"] = isolated ? "/tmp" : Path.Combine(Folder, "tmp"),
            ["NUGET_PACKAGES"] = PackageCache,
            ["JUPYTER_PATH"] = context.Setup.JupyterPath,
            [Data.Mnist.DatasetsVariable] = Path.Combine(context.Repository.Root, "datasets"),
            [HomeworkSubmission.ModelPathVariable] = ModelFile,
        };
        foreach (var (name, value) in DotnetEnvironment.Quiet) env[name] = value!;
        if (System.Environment.GetEnvironmentVariable("DOTNET_ROOT") is { Length: > 0 } root) env["DOTNET_ROOT"] = root;
        return env;
    }

    /// <summary>The machine's NuGet package cache (NUGET_PACKAGES, else ~/.nuget/packages).</summary>
    public static string PackageCache =>
        System.Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } cache
            ? Path.GetFullPath(cache)
            : Path.Combine(System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile), ".nuget", "packages");
}
