using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using NotebookNet.Data;

namespace NotebookNet.Notebooks.Execution;

/// <summary>One result of <see cref="Doctor"/>: what was checked, what was found, and the exact fix when it failed.</summary>
/// <param name="Name">What was checked, e.g. "Jupyter and nbconvert".</param>
/// <param name="Passed">True when it is in order.</param>
/// <param name="Found">What the check found.</param>
/// <param name="Fix">The command or step that repairs it (null when it passed).</param>
public sealed record MachineCheck(string Name, bool Passed, string Found, string? Fix = null)
{
    /// <summary>One line, and the fix on a second line: <c>OK    name: found</c> / <c>FAIL  name: found</c>.</summary>
    public override string ToString() =>
        $"{(Passed ? "OK  " : "FAIL")}  {Name}: {Found}" + (Fix is null ? "" : $"\n      fix: {Fix}");
}

/// <summary>
/// Checks what the lecture needs on this machine (the runner's <c>doctor</c> command): the SDK that global.json asks
/// for, Jupyter and nbconvert, the pinned kernel tool, the local feed, the installed kernelspec as Jupyter finds it,
/// MNIST's checksums, free memory and disk.
/// </summary>
/// <param name="Setup">The repository, its feed and kernelspec folders.</param>
/// <param name="Target">Where the kernelspec should be installed.</param>
public sealed record Doctor(NotebookSetup Setup, KernelSpecTarget Target)
{
    /// <summary>Memory a kernel running the MNIST notebook needs (it peaked at 1.5 GB).</summary>
    public const long MemoryNeeded = 2L << 30;

    /// <summary>Disk space the build, the NuGet cache and executed notebooks need.</summary>
    public const long DiskNeeded = 2L << 30;

    private RepositoryLayout Repository => Setup.Repository;

    private string RunCommand => "dotnet run --project extensions/NotebookNet.Notebooks -c Release";

    /// <summary>Runs every check in order.</summary>
    public async Task<IReadOnlyList<MachineCheck>> RunAsync()
    {
        var checks = new List<MachineCheck> { await SdkAsync(), await JupyterAsync(), await KernelToolAsync(), Feed() };
        checks.AddRange(await KernelSpecAsync());
        checks.Add(MnistChecksums());
        checks.Add(FreeMemory(MemAvailable()));
        checks.Add(FreeDisk(Repository.Root, new DriveInfo(Repository.Root).AvailableFreeSpace));
        return checks;
    }

    /// <summary><c>dotnet --version</c> in the repository, which fails when no installed SDK satisfies global.json.</summary>
    public async Task<MachineCheck> SdkAsync()
    {
        const string name = ".NET SDK (global.json)";
        string wanted = "?";
        try
        {
            var sdk = JsonNode.Parse(File.ReadAllText(Path.Combine(Repository.Root, "global.json")))?["sdk"];
            wanted = $"{sdk?["version"]} or newer ({sdk?["rollForward"] ?? "patch"})";
        }
        catch (Exception e) when (e is IOException or JsonException)
        {
            return new(name, false, $"global.json unreadable: {e.Message}", "restore global.json with `git checkout global.json`");
        }
        var result = await Run(DotnetEnvironment.FindDotnet(), ["--version"]);
        return result.Succeeded
            ? new(name, true, $"SDK {result.Output.Trim().Split('\n')[^1]}, global.json asks {wanted}")
            : new(name, false, result.Output.StartsWith("Could not start", StringComparison.Ordinal)
                    ? $"dotnet is not on PATH (global.json asks {wanted})"
                    : $"no installed SDK matches global.json ({wanted}): {result.Tail(2)}",
                "install the .NET 10 SDK: https://dotnet.microsoft.com/download/dotnet/10.0 (Debian/Ubuntu: sudo apt-get install -y dotnet-sdk-10.0)");
    }

    /// <summary>Jupyter with nbconvert and nbclient.</summary>
    public static async Task<MachineCheck> JupyterAsync()
    {
        string? why = await JupyterTools.WhyUnavailableAsync();
        return why is null
            ? new("Jupyter and nbconvert", true, $"jupyter on PATH ({ExecutablePath.Find("jupyter")}), Python {JupyterTools.FindPython()}")
            : new("Jupyter and nbconvert", false, why, JupyterTools.InstallCommand);
    }

    /// <summary>The pinned kernel tool restores (from the tool manifest) and starts.</summary>
    public async Task<MachineCheck> KernelToolAsync()
    {
        const string name = "pinned kernel tool (microsoft.dotnet-interactive)";
        var restore = await Run(DotnetEnvironment.FindDotnet(), ["tool", "restore"]);
        if (!restore.Succeeded)
            return new(name, false, $"`dotnet tool restore` failed: {restore.Tail(3)}", "run `dotnet tool restore` in the repository (it needs access to nuget.org)");
        var version = await Run(DotnetEnvironment.FindDotnet(), ["tool", "run", "dotnet-interactive", "--", "--version"]);
        return version.Succeeded
            ? new(name, true, $"restored, starts: version {version.Output.Trim().Split('\n')[^1]}")
            : new(name, false, $"restored but does not start: {version.Tail(3)}", "run `dotnet tool restore` in the repository, then this check again");
    }

    /// <summary>The local feed holds the extension package.</summary>
    public MachineCheck Feed()
    {
        const string name = "local feed (artifacts/feed)";
        var versions = Directory.Exists(Setup.FeedFolder) ? new LocalFeed(Setup.FeedFolder).Versions(LocalFeed.ExtensionPackageId) : [];
        return versions.Count > 0
            ? new(name, true, $"{LocalFeed.ExtensionPackageId} {versions[^1]} ({versions.Count} version{(versions.Count == 1 ? "" : "s")})")
            : new(name, false, $"no {LocalFeed.ExtensionPackageId} package in {Setup.FeedFolder}", $"run README command 1: {RunCommand}");
    }

    /// <summary>The kernelspec where install-kernel puts it, and the one Jupyter picks for its name.</summary>
    public async Task<IReadOnlyList<MachineCheck>> KernelSpecAsync()
    {
        string install = $"{RunCommand} -- install-kernel" + string.Concat(Target.InstallOptions.Where(o => o != "--user").Select(o => " " + o));
        string destination;
        try
        {
            destination = await KernelSpecInstaller.DestinationAsync(Target);
        }
        catch (InvalidOperationException e)
        {
            return [new("kernelspec " + KernelSpec.Name, false, e.Message, JupyterTools.InstallCommand)];
        }
        var installed = InstalledSpec(Path.Combine(destination, "kernel.json"), install);
        var list = await Run(JupyterTools.FindPython(), ["-c", KernelSpecInstaller.ListScript]);
        string? found = null;
        if (list.Succeeded)
        {
            try
            {
                string json = list.Output[list.Output.IndexOf('{', StringComparison.Ordinal)..];
                found = JsonNode.Parse(json)?["kernelspecs"]?[KernelSpec.Name]?["resource_dir"]?.GetValue<string>();
            }
            catch (Exception e) when (e is JsonException or ArgumentOutOfRangeException or InvalidOperationException)
            {
                found = null;
            }
        }
        var seen = found is not null && Path.GetFullPath(found) == Path.GetFullPath(destination)
            ? new MachineCheck($"kernelspec {KernelSpec.Name} as Jupyter finds it", true, $"`jupyter kernelspec list` gives {found}")
            : new MachineCheck($"kernelspec {KernelSpec.Name} as Jupyter finds it", false,
                found is null ? "`jupyter kernelspec list` does not list it" : $"Jupyter picks another one first: {found}",
                found is null ? install : $"remove {found} (or run uninstall-kernel with the options it was installed with), then {install}");
        return [installed, seen];
    }

    private MachineCheck InstalledSpec(string kernelJson, string install)
    {
        string name = $"kernelspec {KernelSpec.Name} installed {Target}";
        if (!File.Exists(kernelJson)) return new(name, false, $"{kernelJson} does not exist", install);
        try
        {
            var spec = JsonNode.Parse(File.ReadAllText(kernelJson))!;
            var argv = spec["argv"]!.AsArray().Select(a => a!.GetValue<string>()).ToArray();
            string? repository = spec["metadata"]?[KernelSpec.MetadataKey]?["repository"]?.GetValue<string>();
            string? feed = spec["env"]?["RestoreAdditionalProjectSources"]?.GetValue<string>();
            string? problem =
                repository != Repository.Root ? $"it points at another checkout ({repository ?? "none"})"
                : !File.Exists(argv[0]) ? $"its Python {argv[0]} does not exist"
                : !File.Exists(argv[1]) ? $"its launcher {argv[1]} does not exist"
                : feed != Setup.FeedFolder ? $"it restores from {feed}, not {Setup.FeedFolder}"
                : spec["interrupt_mode"]?.GetValue<string>() != "signal" ? "it is an old spec (interrupt_mode is not signal)"
                : null;
            return problem is null ? new(name, true, kernelJson) : new(name, false, problem, install);
        }
        catch (Exception e) when (e is JsonException or NullReferenceException or InvalidOperationException or IndexOutOfRangeException)
        {
            return new(name, false, $"{kernelJson} is not a valid kernelspec: {e.Message}", install);
        }
    }

    /// <summary>Every MNIST file's SHA-256 against the manifest next to it.</summary>
    public static MachineCheck MnistChecksums()
    {
        const string name = "MNIST checksums";
        const string fix = "restore the files with `git checkout -- datasets/mnist` (or unset NOTEBOOKNET_DATASETS)";
        string folder;
        try
        {
            folder = Mnist.FindDirectory();
        }
        catch (DirectoryNotFoundException e)
        {
            return new(name, false, e.Message.Split('\n')[0], fix);
        }
        var lines = File.ReadAllLines(Path.Combine(folder, "SHA256SUMS")).Where(l => l.Trim().Length > 0).ToArray();
        foreach (string line in lines)
        {
            string[] parts = line.Split(' ', 2, StringSplitOptions.TrimEntries);
            string file = Path.Combine(folder, parts[^1].TrimStart('*'));
            if (!File.Exists(file)) return new(name, false, $"{file} is missing", fix);
            using var stream = File.OpenRead(file);
            string actual = Convert.ToHexStringLower(SHA256.HashData(stream));
            if (!actual.Equals(parts[0], StringComparison.OrdinalIgnoreCase))
                return new(name, false, $"{file}: SHA-256 {actual}, the manifest says {parts[0]}", fix);
        }
        return new(name, true, $"{lines.Length} files in {folder} match SHA256SUMS");
    }

    /// <summary>Free memory against <see cref="MemoryNeeded"/>.</summary>
    public static MachineCheck FreeMemory(long? available) => available switch
    {
        null => new("free memory", true, "unknown on this system (no /proc/meminfo)"),
        >= MemoryNeeded => new("free memory", true, $"{Gigabytes(available.Value)} available"),
        _ => new("free memory", false, $"{Gigabytes(available.Value)} available, a kernel running notebook 06 needs {Gigabytes(MemoryNeeded)}",
            "close other programs or kernels (Jupyter: Kernel > Shut Down Kernel on notebooks you are not using)"),
    };

    /// <summary>Free disk space where the repository is against <see cref="DiskNeeded"/>.</summary>
    public static MachineCheck FreeDisk(string folder, long available) => available >= DiskNeeded
        ? new("free disk", true, $"{Gigabytes(available)} free at {folder}")
        : new("free disk", false, $"{Gigabytes(available)} free at {folder}, the build and NuGet cache need {Gigabytes(DiskNeeded)}",
            "free disk space (for example `dotnet nuget locals all --clear` and delete artifacts/)");

    /// <summary>MemAvailable from /proc/meminfo in bytes, or null where there is none.</summary>
    public static long? MemAvailable()
    {
        if (!File.Exists("/proc/meminfo")) return null;
        string? line = File.ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemAvailable:", StringComparison.Ordinal));
        return line is not null && long.TryParse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], out long kb) ? kb * 1024 : null;
    }

    private static string Gigabytes(long bytes) => $"{bytes / (double)(1L << 30):0.0} GB";

    private Task<ProcessResult> Run(string fileName, string[] arguments) =>
        ProcessRunner.RunAsync(fileName, arguments, Repository.Root, TimeSpan.FromMinutes(5), DotnetEnvironment.Quiet);
}
