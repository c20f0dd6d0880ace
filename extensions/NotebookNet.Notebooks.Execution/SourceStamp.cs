using System.Security.Cryptography;
using System.Text;

namespace NotebookNet.Notebooks.Execution;

/// <summary>
/// A SHA-256 over every file the packages are built from (the packed projects' folders without bin/ and obj/, and
/// the repository's build settings), stored in the feed beside the version packed from it, so that a command that
/// needs the packages (check-homework, grade) can reuse the last pack when nothing changed instead of rebuilding.
/// </summary>
public static class SourceStamp
{
    /// <summary>The file in the feed that holds "hash version".</summary>
    public const string FileName = "sources.sha256";

    /// <summary>The hash of the sources of <paramref name="repository"/>'s packed projects.</summary>
    public static string Compute(RepositoryLayout repository)
    {
        var files = repository.PackedProjects.Select(Path.GetDirectoryName)
            .SelectMany(folder => Directory.GetFiles(folder!, "*", SearchOption.AllDirectories))
            .Where(f => !f.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"))
            .Concat(new[] { "Directory.Build.props", "Directory.Packages.props", "global.json" }
                .Select(f => Path.Combine(repository.Root, f)).Where(File.Exists))
            .Select(f => Path.GetRelativePath(repository.Root, f))
            .Order(StringComparer.Ordinal);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (string file in files)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(file + "\n"));
            hash.AppendData(File.ReadAllBytes(Path.Combine(repository.Root, file)));
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>The version last packed from sources with hash <paramref name="sources"/>, if the feed still has all its packages.</summary>
    public static string? PackedVersion(LocalFeed feed, RepositoryLayout repository, string sources)
    {
        string path = Path.Combine(feed.Folder, FileName);
        if (!File.Exists(path)) return null;
        var parts = File.ReadAllText(path).Split(' ', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (parts is not [var hash, var version] || hash != sources) return null;
        var packed = feed.Packages().ToHashSet();
        var ids = repository.PackedProjects.Select(p => Path.GetFileNameWithoutExtension(p));
        return ids.All(id => packed.Contains((id, version))) ? version : null;
    }

    /// <summary>Records that <paramref name="version"/> was packed from sources with hash <paramref name="sources"/>.</summary>
    public static void Write(LocalFeed feed, string sources, string version) =>
        File.WriteAllText(Path.Combine(feed.Folder, FileName), $"{sources} {version}\n");
}
