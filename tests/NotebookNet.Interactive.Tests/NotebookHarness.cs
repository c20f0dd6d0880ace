using NotebookNet.Notebooks.Execution;

namespace NotebookNet.Interactive.Tests;

/// <summary>
/// End-to-end harness shared by the notebook tests: packs the packages once per test run under a new version into
/// <c>artifacts/tests/feed</c>, writes the kernelspec into <c>artifacts/tests/jupyter</c>, and runs notebooks through
/// the real Jupyter with the pinned kernel.
/// </summary>
/// <remarks>
/// Without Jupyter a test using <see cref="RequireJupyter"/> is reported as skipped with the install command; on CI
/// (CI=true) it fails instead, because CI installs Jupyter and a skip there would hide a broken install.
/// </remarks>
public sealed class NotebookHarness : IAsyncLifetime
{
    private string? _whyNoJupyter;
    private Exception? _setupError;

    /// <summary>The checkout.</summary>
    public RepositoryLayout Repository { get; } = RepositoryLayout.Find(AppContext.BaseDirectory);

    /// <summary>The version packed for this test run.</summary>
    public string PackedVersion { get; private set; } = "";

    private string TestArtifacts => Path.Combine(Repository.Artifacts, "tests");

    /// <summary>The local feed this test run packed into.</summary>
    public string Feed => Path.Combine(TestArtifacts, "feed");

    /// <summary>A fresh folder inside the repository for notebooks a test writes (the kernel needs the repository's tool manifest above it).</summary>
    public string NewScratchFolder() =>
        Directory.CreateDirectory(Path.Combine(TestArtifacts, "scratch", Guid.NewGuid().ToString("N")[..8])).FullName;

    /// <summary>A lecture notebook by name, e.g. <c>LectureNotebook("01-perceptron")</c>.</summary>
    public string LectureNotebook(string name) => Path.Combine(Repository.Notebooks, name + ".ipynb");

    /// <inheritdoc/>
    public async Task InitializeAsync()
    {
        _whyNoJupyter = await JupyterTools.WhyUnavailableAsync();
        if (_whyNoJupyter is not null) return;
        try
        {
            var setup = new NotebookSetup(Repository, Feed, Path.Combine(TestArtifacts, "jupyter"));
            PackedVersion = await setup.PrepareAsync();
        }
        catch (Exception e)
        {
            _setupError = e;
        }
    }

    /// <summary>Skips the test (locally) or fails it (on CI) when Jupyter is missing; fails it when set-up failed.</summary>
    public void RequireJupyter()
    {
        if (_whyNoJupyter is not null)
        {
            string reason = $"Jupyter is not installed, so this end-to-end test cannot run ({_whyNoJupyter}). Install it with: {JupyterTools.InstallCommand}";
            if (Environment.GetEnvironmentVariable("CI") == "true") Assert.Fail(reason);
            Skip.If(true, reason);
        }
        if (_setupError is not null) Assert.Fail($"Notebook set-up failed: {_setupError.Message}");
    }

    /// <summary>Runs a notebook through Jupyter; the executed notebook and HTML go to <c>artifacts/tests/notebooks</c>.
    /// With <paramref name="allowErrors"/> every cell runs even after one fails (as check-homework runs them).</summary>
    public Task<NotebookRun> RunAsync(string notebookPath, bool allowErrors = false)
    {
        RequireJupyter();
        var runner = JupyterNotebookRunner.ForKernelSpec(Path.Combine(TestArtifacts, "jupyter")) with { AllowErrors = allowErrors };
        return runner.RunAsync(notebookPath, Path.Combine(TestArtifacts, "notebooks"));
    }

    /// <inheritdoc/>
    public Task DisposeAsync() => Task.CompletedTask;
}

/// <summary>End-to-end notebook tests: one at a time, after the harness has packed once.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class NotebookCollection : ICollectionFixture<NotebookHarness>
{
    /// <summary>The collection name.</summary>
    public const string Name = "Notebooks through Jupyter (end to end, not parallel)";
}
