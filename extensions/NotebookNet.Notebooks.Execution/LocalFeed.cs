using System.Globalization;
using System.Text.RegularExpressions;

namespace NotebookNet.Notebooks.Execution;

/// <summary>
/// A folder of .nupkg files that the notebooks' kernel restores NotebookNet from, filled by <see cref="PackAsync"/>.
/// </summary>
/// <remarks>
/// NuGet caches every restored version in ~/.nuget/packages for good and never looks at the source again for a
/// version it has, so re-packing the same version would be silently ignored. Every pack therefore gets a new
/// version <c>0.1.0-dev.&lt;UTC yyyyMMddHHmmss&gt;</c>, and notebooks ask for the newest with
/// <c>#r "nuget: NotebookNet.Interactive, *-*"</c>.
/// </remarks>
public sealed partial class LocalFeed
{
    /// <summary>The version the dev versions are pre-releases of.</summary>
    public const string BaseVersion = "0.1.0";

    /// <summary>The package whose newest version the notebooks load (it depends on the others).</summary>
    public const string ExtensionPackageId = "NotebookNet.Interactive";

    /// <summary>Uses (and creates) <paramref name="folder"/>.</summary>
    public LocalFeed(string folder)
    {
        Folder = Path.GetFullPath(folder);
        Directory.CreateDirectory(Folder);
    }

    /// <summary>The feed folder (absolute).</summary>
    public string Folder { get; }

    /// <summary>A dev version for <paramref name="utcNow"/>, one second later than any already in the feed.</summary>
    public string NewDevVersion(DateTime utcNow)
    {
        var time = utcNow;
        string version;
        do
        {
            version = $"{BaseVersion}-dev.{time.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture)}";
            time = time.AddSeconds(1);
        } while (Versions(ExtensionPackageId).Contains(version));
        return version;
    }

    /// <summary>The versions of <paramref name="packageId"/> in the feed, oldest first.</summary>
    public IReadOnlyList<string> Versions(string packageId) =>
        Packages().Where(p => p.Id == packageId).Select(p => p.Version).Order(StringComparer.Ordinal).ToArray();

    /// <summary>Every (id, version) in the feed, read from the .nupkg file names.</summary>
    public IEnumerable<(string Id, string Version)> Packages() =>
        Directory.GetFiles(Folder, "*.nupkg")
            .Select(p => PackageFileName().Match(Path.GetFileNameWithoutExtension(p)))
            .Where(m => m.Success)
            .Select(m => (m.Groups["id"].Value, m.Groups["version"].Value));

    // "NotebookNet.Interactive.0.1.0-dev.20260101120000": the id ends where a dotted number starts.
    [GeneratedRegex(@"^(?<id>.+?)\.(?<version>\d+\.\d+\.\d+.*)$")]
    private static partial Regex PackageFileName();

    /// <summary>
    /// Builds the extension (and so everything it references) in Release with <paramref name="version"/>, then packs
    /// every project of <see cref="RepositoryLayout.PackedProjects"/> into the feed.
    /// </summary>
    public async Task<ProcessResult> PackAsync(RepositoryLayout repository, string version, Action<string>? echo = null)
    {
        var properties = new[] { "-c", "Release", $"-p:Version={version}", "-nologo", "-v:q" };
        var build = await Dotnet(repository, ["build", repository.ExtensionProject, .. properties], echo);
        if (!build.Succeeded) return build;
        foreach (string project in repository.PackedProjects)
        {
            var pack = await Dotnet(repository, ["pack", project, "--no-build", "-o", Folder, .. properties], echo);
            if (!pack.Succeeded) return pack;
        }
        return build;
    }

    /// <summary>Deletes all but the newest <paramref name="keep"/> versions of every package in the feed.</summary>
    public void Prune(int keep)
    {
        if (keep < 1) throw new ArgumentOutOfRangeException(nameof(keep), keep, $"LocalFeed.Prune must keep at least one version; received keep={keep}.");
        foreach (string id in Packages().Select(p => p.Id).Distinct().ToArray())
            foreach (string old in Versions(id).SkipLast(keep))
                File.Delete(Path.Combine(Folder, $"{id}.{old}.nupkg"));
    }

    private static Task<ProcessResult> Dotnet(RepositoryLayout repository, string[] arguments, Action<string>? echo) =>
        ProcessRunner.RunAsync("dotnet", arguments, repository.Root, TimeSpan.FromMinutes(15), DotnetEnvironment.Quiet, echo);
}
