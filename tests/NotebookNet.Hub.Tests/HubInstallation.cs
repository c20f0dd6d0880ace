using NotebookNet.Notebooks.Execution;

namespace NotebookNet.Hub.Tests;

/// <summary>
/// The hub installed once per test run, as a teacher installs it (<c>extensions/hub/notebooknet-hub install</c>),
/// into a temporary prefix, with a teacher and three students whose system accounts the installer creates.
/// Dispose deletes the accounts (with their homes) and the prefix.
/// </summary>
/// <remarks>
/// Needs root (accounts, cgroups, servers started as the students) and Debian's jupyterhub. Without them a test is
/// skipped locally with the reason; on CI (CI=true) it fails, because CI installs both and runs as root.
/// </remarks>
public sealed class HubInstallation : IAsyncLifetime
{
    private string? _whyNot;
    private Exception? _setupError;
    private readonly List<string> _accounts = [];

    /// <summary>The checkout.</summary>
    public RepositoryLayout Repository { get; } = RepositoryLayout.Find(AppContext.BaseDirectory);

    /// <summary>The installation prefix (a fresh temporary folder, readable by the students).</summary>
    public string Prefix { get; private set; } = "";

    /// <summary>A name unique to this run: account names start with it and it names the cgroup parent.</summary>
    public string RunName { get; } = "nbh" + Guid.NewGuid().ToString("N")[..6];

    /// <summary>The teacher's account.</summary>
    public string Teacher => RunName + "-t";

    /// <summary>The students' accounts.</summary>
    public IReadOnlyList<string> Students => [RunName + "-1", RunName + "-2", RunName + "-3"];

    /// <summary>How long the installation took (building and packing included).</summary>
    public TimeSpan InstallTime { get; private set; }

    /// <inheritdoc/>
    public async Task InitializeAsync()
    {
        if (!OperatingSystem.IsLinux())
        {
            _whyNot = "The hub runs on Linux (system accounts, cgroups, Debian's jupyterhub).";
            return;
        }
        _whyNot = await WhyCannotRunAsync();
        if (_whyNot is not null) return;
        try
        {
            Prefix = Directory.CreateTempSubdirectory("notebooknet-hub-test-").FullName;
            // The students' servers read the prefix: temporary folders are created private.
            File.SetUnixFileMode(Prefix, (UnixFileMode)Convert.ToInt32("755", 8));
            string students = Path.Combine(Prefix, "students.txt");
            await File.WriteAllLinesAsync(students, ["# the test class", .. Students]);
            _accounts.AddRange([Teacher, .. Students]);
            var install = await ProcessRunner.RunAsync(Installer,
                ["install", "--prefix", Prefix, "--teacher", Teacher, "--students", students], Repository.Root,
                TimeSpan.FromMinutes(10));
            InstallTime = install.Elapsed;
            if (!install.Succeeded)
                throw new InvalidOperationException($"notebooknet-hub install failed (exit {install.ExitCode}):\n{install.Tail(40)}");
        }
        catch (Exception e)
        {
            _setupError = e;
        }
    }

    /// <summary>extensions/hub/notebooknet-hub.</summary>
    public string Installer => Path.Combine(Repository.Root, "extensions", "hub", "notebooknet-hub");

    /// <summary>Skips the test (locally) or fails it (on CI) when it cannot run here; fails it when set-up failed.</summary>
    public void Require()
    {
        if (_whyNot is not null)
        {
            if (Environment.GetEnvironmentVariable("CI") == "true") Assert.Fail(_whyNot);
            Skip.If(true, _whyNot);
        }
        if (_setupError is not null) Assert.Fail($"Hub set-up failed: {_setupError.Message}");
    }

    private static async Task<string?> WhyCannotRunAsync()
    {
        if (Environment.UserName != "root")
            return "The hub test needs root: it creates system accounts and cgroups and starts servers as the students.";
        var version = await ProcessRunner.RunAsync("jupyterhub", ["--version"], Path.GetTempPath(), TimeSpan.FromSeconds(30));
        if (!version.Succeeded)
            return "JupyterHub is not installed. Install it with: apt-get install -y jupyterhub node-configurable-http-proxy";
        return Directory.Exists("/sys/fs/cgroup/memory") && Directory.Exists("/sys/fs/cgroup/cpu")
            ? null
            : "The hub's spawner needs the cgroup v1 memory and cpu hierarchies under /sys/fs/cgroup.";
    }

    /// <inheritdoc/>
    public async Task DisposeAsync()
    {
        foreach (string account in _accounts)
        {
            // Nothing of a student may run by now (each test checks); kill stragglers so userdel can remove them.
            if (ProcessTable.UidOf(account) is int uid)
                foreach (var process in ProcessTable.OfUser(uid)) ProcessTable.Signal(process.Pid, ProcessTable.SigKill);
            await ProcessRunner.RunAsync("userdel", ["--remove", account], "/", TimeSpan.FromSeconds(30));
        }
        if (Prefix.Length > 0 && Directory.Exists(Prefix)) Directory.Delete(Prefix, recursive: true);
    }
}

/// <summary>The hub tests: one at a time, after the installation.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class HubCollection : ICollectionFixture<HubInstallation>
{
    /// <summary>The collection name.</summary>
    public const string Name = "JupyterHub end to end (not parallel)";
}
