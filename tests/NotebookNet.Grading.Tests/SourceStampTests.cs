using NotebookNet.Notebooks.Execution;

namespace NotebookNet.Grading.Tests;

public sealed class SourceStampTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("notebooknet-stamp-").FullName;

    private RepositoryLayout Repository()
    {
        File.WriteAllText(Path.Combine(_root, RepositoryLayout.MarkerFile), "");
        foreach (string project in new[] { "src/NotebookNet/NotebookNet.csproj", "extensions/NotebookNet.Interactive/NotebookNet.Interactive.csproj" })
        {
            Directory.CreateDirectory(Path.Combine(_root, Path.GetDirectoryName(project)!));
            File.WriteAllText(Path.Combine(_root, project), "<Project />");
        }
        File.WriteAllText(Path.Combine(_root, "src", "NotebookNet", "Layer.cs"), "class Layer { }");
        return new RepositoryLayout(_root);
    }

    private static void Pack(LocalFeed feed, string version)
    {
        foreach (string id in new[] { "NotebookNet", "NotebookNet.Interactive" })
            File.WriteAllText(Path.Combine(feed.Folder, $"{id}.{version}.nupkg"), "");
    }

    [Fact]
    public void The_last_pack_is_reused_while_the_sources_are_unchanged_and_not_after_an_edit_or_a_lost_package()
    {
        var repository = Repository();
        var feed = new LocalFeed(Path.Combine(_root, "artifacts", "feed"));
        string sources = SourceStamp.Compute(repository);
        Pack(feed, "0.1.0-dev.20260101000000");
        SourceStamp.Write(feed, sources, "0.1.0-dev.20260101000000");

        Directory.CreateDirectory(Path.Combine(_root, "src", "NotebookNet", "obj"));
        File.WriteAllText(Path.Combine(_root, "src", "NotebookNet", "obj", "build.cache"), "changes every build");
        Assert.Equal("0.1.0-dev.20260101000000", SourceStamp.PackedVersion(feed, repository, SourceStamp.Compute(repository)));

        File.AppendAllText(Path.Combine(_root, "src", "NotebookNet", "Layer.cs"), " // edited");
        Assert.Null(SourceStamp.PackedVersion(feed, repository, SourceStamp.Compute(repository)));

        File.Delete(Path.Combine(feed.Folder, "NotebookNet.0.1.0-dev.20260101000000.nupkg"));
        Assert.Null(SourceStamp.PackedVersion(feed, repository, sources));
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
