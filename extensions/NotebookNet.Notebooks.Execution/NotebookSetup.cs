namespace NotebookNet.Notebooks.Execution;

/// <summary>
/// Everything a notebook run needs before the first cell: the pinned kernel tool, the packages under a new version in
/// a local feed, and the kernelspec pointing at that feed.
/// </summary>
/// <param name="Repository">The checkout.</param>
/// <param name="FeedFolder">Where the packages go (absolute).</param>
/// <param name="JupyterPath">Where the kernelspec goes (absolute); JUPYTER_PATH for the runs.</param>
public sealed record NotebookSetup(RepositoryLayout Repository, string FeedFolder, string JupyterPath)
{
    /// <summary>How many versions of each package the feed keeps.</summary>
    public const int VersionsKept = 3;

    /// <summary>The set-up the notebook runner uses: <c>artifacts/feed</c> and <c>artifacts/jupyter</c>.</summary>
    public static NotebookSetup Default(RepositoryLayout repository) => new(repository, repository.Feed, repository.JupyterPath);

    /// <summary>
    /// <c>dotnet tool restore</c>, build and pack with a new dev version, prune old versions, write the kernelspec.
    /// Returns the packed version, or throws <see cref="InvalidOperationException"/> with the failing step's output.
    /// </summary>
    /// <param name="echo">Receives each output line of the tools, or null.</param>
    /// <param name="reuseUnchanged">Reuse the last packed version when the sources are unchanged (<see cref="SourceStamp"/>)
    /// instead of building and packing a new one.</param>
    public async Task<string> PrepareAsync(Action<string>? echo = null, bool reuseUnchanged = false)
    {
        await RestoreKernelToolAsync(echo);

        var feed = new LocalFeed(FeedFolder);
        string sources = SourceStamp.Compute(Repository);
        if (reuseUnchanged && SourceStamp.PackedVersion(feed, Repository, sources) is { } packed)
        {
            KernelSpec.Write(JupyterPath, FeedFolder, Repository);
            return packed;
        }
        string version = feed.NewDevVersion(DateTime.UtcNow);
        var pack = await feed.PackAsync(Repository, version, echo);
        if (!pack.Succeeded)
            throw new InvalidOperationException($"Building and packing {version} failed (exit {pack.ExitCode}):\n{pack.Tail(60)}");
        feed.Prune(VersionsKept);
        SourceStamp.Write(feed, sources, version);

        KernelSpec.Write(JupyterPath, FeedFolder, Repository);
        return version;
    }

    /// <summary><c>dotnet tool restore</c>: the pinned kernel, from the repository's tool manifest.</summary>
    /// <exception cref="InvalidOperationException">With the tool's output when it fails.</exception>
    public async Task RestoreKernelToolAsync(Action<string>? echo = null)
    {
        var restore = await ProcessRunner.RunAsync(DotnetEnvironment.FindDotnet(), ["tool", "restore"], Repository.Root, TimeSpan.FromMinutes(10), DotnetEnvironment.Quiet, echo);
        if (!restore.Succeeded)
            throw new InvalidOperationException($"`dotnet tool restore` failed (exit {restore.ExitCode}):\n{restore.Tail()}");
    }
}
