using NotebookNet.Notebooks.Execution;

namespace NotebookNet.Interactive.Tests;

public sealed class LocalFeedTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("notebooknet-feed-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private void AddPackage(string id, string version) =>
        File.WriteAllBytes(Path.Combine(_folder, $"{id}.{version}.nupkg"), []);

    [Fact]
    public void A_dev_version_is_a_prerelease_of_the_base_version_stamped_with_utc_time()
    {
        var feed = new LocalFeed(_folder);

        Assert.Equal("0.1.0-dev.20260301090502", feed.NewDevVersion(new DateTime(2026, 3, 1, 9, 5, 2, DateTimeKind.Utc)));
    }

    [Fact]
    public void A_dev_version_already_in_the_feed_is_never_reused()
    {
        var feed = new LocalFeed(_folder);
        AddPackage("NotebookNet.Interactive", "0.1.0-dev.20260301090502");
        AddPackage("NotebookNet.Interactive", "0.1.0-dev.20260301090503");

        Assert.Equal("0.1.0-dev.20260301090504", feed.NewDevVersion(new DateTime(2026, 3, 1, 9, 5, 2, DateTimeKind.Utc)));
    }

    [Fact]
    public void Versions_tell_a_package_from_another_whose_id_extends_it()
    {
        var feed = new LocalFeed(_folder);
        AddPackage("NotebookNet", "0.1.0-dev.1");
        AddPackage("NotebookNet.Interactive", "0.1.0-dev.2");

        Assert.Equal(["0.1.0-dev.1"], feed.Versions("NotebookNet"));
        Assert.Equal(["0.1.0-dev.2"], feed.Versions("NotebookNet.Interactive"));
    }

    [Fact]
    public void Prune_keeps_the_newest_versions_of_every_package()
    {
        var feed = new LocalFeed(_folder);
        foreach (string v in new[] { "0.1.0-dev.20260101000001", "0.1.0-dev.20260101000002", "0.1.0-dev.20260101000003" })
        {
            AddPackage("NotebookNet", v);
            AddPackage("NotebookNet.Interactive", v);
        }

        feed.Prune(keep: 2);

        Assert.Equal(["0.1.0-dev.20260101000002", "0.1.0-dev.20260101000003"], feed.Versions("NotebookNet"));
        Assert.Equal(["0.1.0-dev.20260101000002", "0.1.0-dev.20260101000003"], feed.Versions("NotebookNet.Interactive"));
    }

    [Fact]
    public void Prune_refuses_to_keep_nothing()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new LocalFeed(_folder).Prune(0));
        Assert.Contains("keep=0", e.Message);
    }
}
