using System.Security.Cryptography;
using NotebookNet.Notebooks.Execution;

namespace NotebookNet.Interactive.Tests.FrontEnds;

/// <summary>
/// A student's account in a temporary HOME: the runner's commands and Jupyter run with it, so a test installs the
/// kernelspec where a real front end would find it without touching the machine's own Jupyter folders.
/// </summary>
/// <remarks>
/// The NuGet cache stays the machine's (NUGET_PACKAGES), so the pinned tool and packages are not downloaded again.
/// </remarks>
public sealed class StudentMachine : IDisposable
{
    private static readonly string[] JupyterVariables =
        ["JUPYTER_PATH", "JUPYTER_DATA_DIR", "JUPYTER_CONFIG_DIR", "JUPYTER_RUNTIME_DIR", "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_RUNTIME_DIR"];

    /// <summary>Creates an empty HOME.</summary>
    public StudentMachine(RepositoryLayout repository)
    {
        Repository = repository;
        Home = Directory.CreateTempSubdirectory("notebooknet-home-").FullName;
        Environment = new Dictionary<string, string?>(DotnetEnvironment.Quiet)
        {
            ["HOME"] = Home,
            ["NUGET_PACKAGES"] = NugetPackages(),
        };
        foreach (string name in JupyterVariables) Environment[name] = null;
    }

    /// <summary>The checkout.</summary>
    public RepositoryLayout Repository { get; }

    /// <summary>The temporary HOME.</summary>
    public string Home { get; }

    /// <summary>Variables every process of this "machine" runs with (null removes one).</summary>
    public Dictionary<string, string?> Environment { get; }

    /// <summary>The user's Jupyter kernels folder.</summary>
    public string UserKernels => Path.Combine(Home, ".local", "share", "jupyter", "kernels");

    /// <summary>Runs the runner (README command 1's program) with <paramref name="arguments"/> in the repository.</summary>
    public Task<ProcessResult> RunnerAsync(params string[] arguments) =>
        ProcessRunner.RunAsync(DotnetEnvironment.FindDotnet(), [RunnerDll(), .. arguments], Repository.Root, TimeSpan.FromMinutes(5), Environment);

    /// <summary>Runs the Python that runs Jupyter with <paramref name="arguments"/> in <paramref name="folder"/>.</summary>
    public Task<ProcessResult> PythonAsync(string folder, TimeSpan timeout, params string[] arguments) =>
        ProcessRunner.RunAsync(JupyterTools.FindPython(), arguments, folder, timeout, Environment);

    /// <summary>
    /// The user's Jupyter folders (data folder ~/.local/share/jupyter, config folder ~/.jupyter): every file and folder
    /// in them with a hash of each file's bytes, and whether each exists at all.
    /// </summary>
    public IReadOnlyList<string> JupyterFolders() =>
        new[] { Path.Combine(".local", "share", "jupyter"), ".jupyter" }.SelectMany(root =>
            Directory.Exists(Path.Combine(Home, root))
                ? Directory.EnumerateFileSystemEntries(Path.Combine(Home, root), "*", SearchOption.AllDirectories)
                    .Select(p => Path.GetRelativePath(Home, p) + (File.Exists(p) ? " " + Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(p))) : "/"))
                    .Order(StringComparer.Ordinal).Prepend(root + "/")
                : [root + " (none)"]).ToArray();

    /// <inheritdoc/>
    public void Dispose() => Directory.Delete(Home, recursive: true);

    // The runner built beside this test assembly's configuration (the solution build builds both).
    private string RunnerDll()
    {
        string configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        string dll = Path.Combine(Repository.Root, "extensions", "NotebookNet.Notebooks", "bin", configuration, "net10.0", "NotebookNet.Notebooks.dll");
        Assert.True(File.Exists(dll), $"the runner is not built: {dll} (build the solution first)");
        return dll;
    }

    private static string NugetPackages() =>
        System.Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } packages
            ? packages
            : Path.Combine(System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile), ".nuget", "packages");
}
