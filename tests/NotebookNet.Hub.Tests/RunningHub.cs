using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace NotebookNet.Hub.Tests;

/// <summary>
/// The installed hub, started as <c>notebooknet-hub start</c> starts it (Debian's jupyterhub with the installed
/// configuration) plus a test configuration on top: the shared-password DummyAuthenticator instead of PAM, free
/// ports, and a cgroup parent named after the test run. It runs in its own process group; dispose stops it.
/// </summary>
public sealed class RunningHub : IAsyncDisposable
{
    private readonly Process _process;

    private readonly string _folder;
    private int _proxyGroup = -1;

    private RunningHub(HubInstallation installation, Process process, int port, string password, string logFile)
    {
        _folder = Path.GetDirectoryName(logFile)!;
        Installation = installation;
        _process = process;
        ProcessGroup = process.Id;
        Port = port;
        Password = password;
        LogFile = logFile;
        Client = new HubClient(new Uri($"http://127.0.0.1:{port}/"));
    }

    /// <summary>The installation it runs.</summary>
    public HubInstallation Installation { get; }

    /// <summary>The public port (the proxy's); the proxy's API and the hub itself use the next two.</summary>
    public int Port { get; }

    /// <summary>The password every test account logs in with.</summary>
    public string Password { get; }

    /// <summary>The hub's log (its output and the single-user servers').</summary>
    public string LogFile { get; }

    /// <summary>REST client for the hub at its public URL.</summary>
    public HubClient Client { get; }

    /// <summary>The hub's process id, also its process group's.</summary>
    public int ProcessGroup { get; }

    /// <summary>
    /// The proxy's process id (from the pid file of the installed configuration). JupyterHub starts the proxy in a
    /// session of its own, so it is not in <see cref="ProcessGroup"/>; the hub stops it when it stops.
    /// </summary>
    public int ProxyPid => int.Parse(File.ReadAllText(Path.Combine(Installation.Prefix, "var", "jupyterhub-proxy.pid")).Trim());

    /// <summary>The hub's running processes: its process group and the proxy's.</summary>
    public IReadOnlyList<ProcessEntry> Processes() =>
        ProcessTable.All().Where(p => p.IsRunning && (p.ProcessGroup == ProcessGroup || p.ProcessGroup == _proxyGroup)).ToArray();

    /// <summary>The cgroup parent of this run's students (<c>CgroupSpawner.cgroup_parent</c>).</summary>
    public string CgroupParent => Installation.RunName;

    /// <summary>The last lines of the log.</summary>
    public string LogTail(int lines = 40) =>
        File.Exists(LogFile) ? string.Join('\n', File.ReadLines(LogFile).TakeLast(lines)) : "(no log)";

    /// <summary>Starts the hub and waits until its REST API answers.</summary>
    public static async Task<RunningHub> StartAsync(HubInstallation installation)
    {
        installation.Require();
        int port = FreePortRun(3);
        string password = Guid.NewGuid().ToString("N");
        string folder = Directory.CreateTempSubdirectory("notebooknet-hub-run-").FullName;
        string config = Path.Combine(folder, "test_config.py");
        string etc = Path.Combine(installation.Prefix, "etc");
        await File.WriteAllTextAsync(config, $"""
            # The installed configuration, with a test authenticator and this run's ports and cgroup parent.
            load_subconfig(r"{Path.Combine(etc, "jupyterhub_config.py")}")
            c.JupyterHub.authenticator_class = "dummy"
            c.DummyAuthenticator.password = "{password}"
            c.CgroupSpawner.cgroup_parent = "{installation.RunName}"
            c.JupyterHub.bind_url = "http://127.0.0.1:{port}"
            c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:{port + 1}"
            c.JupyterHub.hub_port = {port + 2}
            """);
        string log = Path.Combine(folder, "hub.log");
        // setsid: the hub leads a process group of its own (its pid is the group id), so the whole group can be stopped.
        var start = new ProcessStartInfo("sh")
        {
            WorkingDirectory = Path.Combine(installation.Prefix, "var"),
            UseShellExecute = false,
        };
        foreach (string a in (string[])["-c", "exec setsid jupyterhub -f \"$0\" >\"$1\" 2>&1", config, log]) start.ArgumentList.Add(a);
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start jupyterhub.");
        var hub = new RunningHub(installation, process, port, password, log);
        try
        {
            await hub.Client.WaitUntilUpAsync(process, TimeSpan.FromSeconds(90));
            hub._proxyGroup = hub.ProxyPid;   // the leader of its own session and group
        }
        catch
        {
            string tail = hub.LogTail();
            await hub.DisposeAsync();
            throw new InvalidOperationException($"JupyterHub did not come up on port {port}:\n{tail}");
        }
        return hub;
    }

    /// <summary>
    /// Stops the hub as a teacher would (SIGTERM: it stops every student's server, then the proxy), then SIGKILLs
    /// whatever of its process group and the proxy's is left after 30 s.
    /// </summary>
    /// <returns>The processes that outlived SIGTERM by 30 s (and were killed): none, when the hub stops cleanly.</returns>
    public async Task<IReadOnlyList<ProcessEntry>> StopAsync()
    {
        if (_process.HasExited && Processes().Count == 0) return [];
        ProcessTable.Signal(-ProcessGroup, ProcessTable.SigTerm);
        var deadline = Stopwatch.StartNew();
        while (Processes().Count > 0 && deadline.Elapsed < TimeSpan.FromSeconds(30))
            await Task.Delay(200);
        var left = Processes();
        ProcessTable.Signal(-ProcessGroup, ProcessTable.SigKill);
        if (_proxyGroup > 0) ProcessTable.Signal(-_proxyGroup, ProcessTable.SigKill);
        await _process.WaitForExitAsync();
        return left;
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _process.Dispose();
        Client.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    // A free port p such that p+1 ... p+count-1 are free too.
    private static int FreePortRun(int count)
    {
        for (int attempt = 0; attempt < 50; attempt++)
        {
            using var first = new TcpListener(IPAddress.Loopback, 0);
            first.Start();
            int port = ((IPEndPoint)first.LocalEndpoint).Port;
            if (port + count > 65535) continue;
            var others = new List<TcpListener>();
            try
            {
                for (int i = 1; i < count; i++)
                {
                    var next = new TcpListener(IPAddress.Loopback, port + i);
                    next.Start();
                    others.Add(next);
                }
                return port;
            }
            catch (SocketException)
            {
                // Taken; try another.
            }
            finally
            {
                foreach (var listener in others) listener.Stop();
            }
        }
        throw new InvalidOperationException("Found no run of free ports on 127.0.0.1.");
    }
}
