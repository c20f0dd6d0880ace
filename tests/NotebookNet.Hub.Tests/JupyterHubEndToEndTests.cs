using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Xunit.Abstractions;

namespace NotebookNet.Hub.Tests;

/// <summary>
/// The class hub end to end on this machine: Debian's JupyterHub on 127.0.0.1 as installed by
/// <c>notebooknet-hub install</c>, system accounts, each student's server in its own cgroups, the NotebookNet
/// kernelspec installed in the prefix; only the authenticator is a test one (a shared password).
/// </summary>
[Collection(HubCollection.Name)]
public sealed class JupyterHubEndToEndTests(HubInstallation installation, ITestOutputHelper output)
{
    private const string Notebook06 = "notebooknet/06-mnist.ipynb";
    private static readonly TimeSpan ServerTimeout = TimeSpan.FromMinutes(2);

    [SkippableFact]
    public async Task Three_students_log_in_through_the_REST_API_and_run_notebook_06_at_once_each_in_their_own_limits()
    {
        installation.Require();
        var hub = await RunningHub.StartAsync(installation);
        try
        {
            var tokens = new Dictionary<string, string>();
            foreach (string student in installation.Students)
                tokens[student] = await hub.Client.LoginAsync(student, hub.Password);
            await Task.WhenAll(installation.Students.Select(s => hub.Client.StartServerAsync(s, tokens[s], ServerTimeout)));
            var cgroups = installation.Students.ToDictionary(s => s, s => new StudentCgroup(hub.CgroupParent, s));
            foreach (var cgroup in cgroups.Values)
            {
                Assert.Equal(2L << 30, cgroup.MemoryLimit);   // the installer's default, 2G
                Assert.Equal(1.0, cgroup.Cores);              // and 1 CPU
                Assert.Single(cgroup.MemoryPids);             // the server, alone until a kernel starts
                Assert.Equal(cgroup.MemoryPids, cgroup.CpuPids);
            }

            var alone = await RunNotebook06(hub, installation.Students[0], tokens, cgroups);
            Assert.True(alone.Passed, $"{alone.Student} alone: {alone.Failure}\n{hub.LogTail(80)}");
            foreach (var cgroup in cgroups.Values) cgroup.ResetPeak();
            var clock = Stopwatch.StartNew();
            var together = await Task.WhenAll(installation.Students.Select(s => RunNotebook06(hub, s, tokens, cgroups)));
            var togetherTime = clock.Elapsed;

            output.WriteLine($"notebook 06, one student alone: {alone.Elapsed.TotalSeconds:0.0} s, kernel peak {Gb(alone.KernelPeakBytes)}");
            output.WriteLine($"notebook 06, three students at once: {togetherTime.TotalSeconds:0.0} s for all three");
            foreach (var run in together)
            {
                var cgroup = cgroups[run.Student];
                output.WriteLine($"  {run.Student}: {run.Elapsed.TotalSeconds:0.0} s, kernel peak {Gb(run.KernelPeakBytes)}, " +
                                 $"cgroup peak {Gb(cgroup.PeakMemory)} of {Gb(cgroup.MemoryLimit)} (server, kernel, page cache)");
            }
            foreach (var run in together)
            {
                Assert.True(run.Passed, $"{run.Student}: {run.Failure}\n{hub.LogTail(80)}");
                Assert.Contains("✓ the misclassified images are exactly the errors the accuracy counts", run.Cells[^1].Stdout);
                Assert.True(cgroups[run.Student].PeakMemory <= cgroups[run.Student].MemoryLimit);
            }
            foreach (string student in installation.Students)
                await hub.Client.StopServerAsync(student, tokens[student], ServerTimeout);
            Assert.All(cgroups.Values, c => Assert.False(c.Exists, $"{c.Memory} outlived the server"));
        }
        finally
        {
            await StopAndCheckNothingLeft(hub);
        }
    }

    [SkippableFact]
    public async Task The_teacher_gets_the_admin_page_students_get_the_lecture_once_and_keep_their_edits_and_all_listens_on_loopback()
    {
        installation.Require();
        var hub = await RunningHub.StartAsync(installation);
        try
        {
            string student = installation.Students[1];
            string teacher = await hub.Client.LoginAsync(installation.Teacher, hub.Password);
            string token = await hub.Client.LoginAsync(student, hub.Password);
            using (var wrong = await hub.Client.SendAsync(HttpMethod.Post, $"hub/api/users/{student}/tokens", null,
                       new JsonObject { ["auth"] = new JsonObject { ["username"] = student, ["password"] = "wrong" } }))
                Assert.Equal(HttpStatusCode.Forbidden, wrong.StatusCode);
            using (var browser = await hub.Client.BrowserLoginAsync(installation.Teacher, hub.Password))
            using (var admin = await browser.GetAsync("hub/admin"))
            {
                Assert.Equal(HttpStatusCode.OK, admin.StatusCode);
                Assert.Contains(installation.Students[0], await AdminUserList(hub, teacher));
            }
            using (var browser = await hub.Client.BrowserLoginAsync(student, hub.Password))
            using (var admin = await browser.GetAsync("hub/admin"))
                Assert.Equal(HttpStatusCode.Forbidden, admin.StatusCode);
            using (var users = await hub.Client.SendAsync(HttpMethod.Get, "hub/api/users", token))
                Assert.Equal(HttpStatusCode.Forbidden, users.StatusCode);

            await hub.Client.StartServerAsync(student, token, ServerTimeout);
            var lecture = Directory.GetFiles(Path.Combine(installation.Repository.Root, "notebooks"), "*.ipynb")
                .Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray();
            Assert.Equal(lecture, await NotebookNames(hub, student, token));   // the lecture, not the solutions

            // The student edits one notebook and deletes another; the next login must keep the edit and restore the other.
            string edited = "notebooknet/01-perceptron.ipynb", deleted = "notebooknet/02-gradient-descent.ipynb";
            var model = await Contents(hub, student, token, edited);
            model["content"]!["cells"]!.AsArray().Add(new JsonObject
            {
                ["cell_type"] = "markdown", ["metadata"] = new JsonObject(), ["source"] = "my own notes",
            });
            using (var put = await hub.Client.SendAsync(HttpMethod.Put, $"user/{student}/api/contents/{edited}", token,
                       new JsonObject { ["type"] = "notebook", ["format"] = "json", ["content"] = model["content"]!.DeepClone() }))
                await HubClient.Expect(put, HttpStatusCode.OK);
            using (var delete = await hub.Client.SendAsync(HttpMethod.Delete, $"user/{student}/api/contents/{deleted}", token))
                await HubClient.Expect(delete, HttpStatusCode.NoContent);
            await hub.Client.StopServerAsync(student, token, ServerTimeout);
            await hub.Client.StartServerAsync(student, token, ServerTimeout);
            Assert.Contains("my own notes", (await Contents(hub, student, token, edited)).ToJsonString());
            Assert.Equal(lecture, await NotebookNames(hub, student, token));

            // With a kernel running too: every listening socket of the hub's and the student's processes is on loopback.
            await using (var session = await KernelSession.OpenAsync(hub.Client, student, token, edited, KernelName))
            {
                Assert.True((await session.ExecuteAsync("1 + 1", TimeSpan.FromMinutes(2))).Ok);
                int uid = ProcessTable.UidOf(student)!.Value;
                var pids = hub.Processes().Concat(ProcessTable.OfUser(uid)).Select(p => p.Pid);
                var sockets = ListeningSockets.Of(pids);
                Assert.Contains(sockets, s => s.Port == hub.Port);
                Assert.Contains(sockets, s => s.Port == hub.Port + 2);
                Assert.True(sockets.Count >= 5, $"expected the proxy, its API, the hub, the server and the kernel; found {string.Join(", ", sockets)}");
                Assert.All(sockets, s => Assert.True(s.IsLoopback, $"{s} listens beyond loopback"));
            }
            await hub.Client.StopServerAsync(student, token, ServerTimeout);
        }
        finally
        {
            await StopAndCheckNothingLeft(hub);
        }
    }

    [SkippableFact]
    public async Task Interrupt_on_the_hub_stops_a_students_fit_and_the_next_cell_runs_in_the_same_kernel()
    {
        installation.Require();
        var hub = await RunningHub.StartAsync(installation);
        try
        {
            string student = installation.Students[2];
            string token = await hub.Client.LoginAsync(student, hub.Password);
            await hub.Client.StartServerAsync(student, token, ServerTimeout);
            await using (var session = await KernelSession.OpenAsync(hub.Client, student, token, Notebook06, KernelName))
            {
                var shown = new List<string>();
                var load = await session.ExecuteAsync("""#r "nuget: NotebookNet.Interactive, *-*" """, TimeSpan.FromMinutes(3),
                    (_, content) => shown.Add(content["data"]?["text/plain"]?.ToString() ?? ""));
                Assert.True(load.Ok, load.Error);
                Assert.Contains(shown, s => s.Contains("Jupyter's Interrupt stops training.", StringComparison.Ordinal));
                var setup = await session.ExecuteAsync(InterruptedModel, TimeSpan.FromMinutes(2));
                Assert.True(setup.Ok, setup.Error);

                // Interrupt once the live view shows training, as a student pressing the button would.
                var training = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                string finalView = "";
                var fit = session.ExecuteAsync("""
                    var history = model.Fit(x, y, batchSize: 64, epochs: 100_000);
                    Console.WriteLine($"interrupted: {history.Interrupted}, batches: {history.BatchLosses.Count}");
                    """, TimeSpan.FromMinutes(3), (type, content) =>
                    {
                        string html = content["data"]?["text/html"]?.ToString() ?? "";
                        if (type != "update_display_data" || !html.Contains("nn-training-progress", StringComparison.Ordinal)) return;
                        finalView = html;
                        training.TrySetResult();
                    });
                await Task.WhenAny(training.Task, fit);
                Assert.True(training.Task.IsCompleted, $"Fit ended before it showed training:\n{hub.LogTail(60)}");
                var clock = Stopwatch.StartNew();
                await session.InterruptAsync();
                Assert.True(await Task.WhenAny(fit, Task.Delay(TimeSpan.FromSeconds(30))) == fit,
                    $"Fit still ran 30 s after the interrupt:\n{hub.LogTail(60)}");
                var interrupted = await fit;
                var latency = clock.Elapsed;

                Assert.True(interrupted.Ok, interrupted.Error);                 // the cell ends normally
                Assert.Matches(@"interrupted: True, batches: [1-9]\d*", interrupted.Stdout);
                Assert.Matches(@"Interrupted</b> after \d+ of 100000 epochs", finalView);
                var next = await session.ExecuteAsync(
                    """Console.WriteLine($"{System.Environment.ProcessId} {model.Predict(x.Slice(0, 10)).Length}");""",
                    TimeSpan.FromMinutes(2));
                Assert.True(next.Ok, next.Error);
                Assert.Equal($"{setup.Stdout.Trim()} 100", next.Stdout.Trim());   // the same kernel process, the model usable
                output.WriteLine($"Interrupt on the hub: the Fit cell ended {latency.TotalMilliseconds:0} ms after the REST call; " +
                                 $"load {File.ReadAllText("/proc/loadavg").Trim()}");
                Assert.InRange(latency, TimeSpan.Zero, TimeSpan.FromSeconds(2));
            }
            await hub.Client.StopServerAsync(student, token, ServerTimeout);
        }
        finally
        {
            await StopAndCheckNothingLeft(hub);
        }
    }

    // A small dense model on random inputs: a Fit of 100,000 epochs runs far longer than the test.
    // Prints the kernel's process id.
    private const string InterruptedModel = """
        using NotebookNet;
        using NotebookNet.Layers;
        var random = new Random(3);
        var x = new Tensor(2000, 64);
        var y = new Tensor(2000, 10);
        for (int i = 0; i < x.Length; i++) x.Data[i] = (float)random.NextDouble();
        for (int i = 0; i < 2000; i++) y[i, random.Next(10)] = 1f;
        var model = new Sequential(new Shape(64), "on the hub", seed: 2);
        model.Add(new Dense(256, activation: "relu"));
        model.Add(new Dense(10, activation: "softmax"));
        model.Compile(new NotebookNet.Optimizers.Sgd(0.01), NotebookNet.Losses.Loss.CategoricalCrossEntropy);
        Console.WriteLine(System.Environment.ProcessId);
        """;

    // What the admin page lists (it renders from this API call, with the teacher's rights).
    private static async Task<string> AdminUserList(RunningHub hub, string teacherToken)
    {
        using var users = await hub.Client.SendAsync(HttpMethod.Get, "hub/api/users", teacherToken);
        return (await HubClient.JsonAsync(users, HttpStatusCode.OK)).ToJsonString();
    }

    private string KernelName =>
        (string)JsonNode.Parse(File.ReadAllText(Path.Combine(installation.Prefix, "etc", "hub.json")))!["kernel"]!;

    private async Task<HubNotebookRun> RunNotebook06(RunningHub hub, string student, Dictionary<string, string> tokens,
                                                   Dictionary<string, StudentCgroup> cgroups) =>
        await HubNotebookRun.RunAsync(hub.Client, student, tokens[student], Notebook06, KernelName, cgroups[student]);

    private static async Task<JsonNode> Contents(RunningHub hub, string student, string token, string path)
    {
        using var response = await hub.Client.SendAsync(HttpMethod.Get, $"user/{student}/api/contents/{path}?content=1", token);
        return await HubClient.JsonAsync(response, HttpStatusCode.OK);
    }

    private static async Task<string?[]> NotebookNames(RunningHub hub, string student, string token) =>
        (await Contents(hub, student, token, "notebooknet"))["content"]!.AsArray()
            .Select(f => (string?)f!["name"]).Where(n => n!.EndsWith(".ipynb", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal).ToArray();

    // Stops the hub (the teacher's Ctrl-C), then checks that nothing of it or of any test account still runs and that
    // no student's cgroup is left; removes the run's cgroup parents, which fails if a group is left under them.
    private async Task StopAndCheckNothingLeft(RunningHub hub)
    {
        var left = (await hub.StopAsync()).ToList();
        string log = hub.LogTail();
        await hub.DisposeAsync();
        foreach (string account in (string[])[installation.Teacher, .. installation.Students])
            left.AddRange(ProcessTable.OfUser(ProcessTable.UidOf(account)!.Value));
        foreach (var process in left) ProcessTable.Signal(process.Pid, ProcessTable.SigKill);
        var groups = installation.Students.Select(s => new StudentCgroup(hub.CgroupParent, s)).Where(c => c.Exists).ToArray();
        foreach (string controller in (string[])["memory", "cpu"])
        {
            string parent = Path.Combine("/sys/fs/cgroup", controller, hub.CgroupParent);
            if (Directory.Exists(parent) && groups.Length == 0) Directory.Delete(parent);
        }
        Assert.True(left.Count == 0, "left running after the hub stopped:\n" + string.Join('\n', left) + "\n" + log);
        Assert.True(groups.Length == 0, "cgroups left: " + string.Join(", ", groups.Select(g => g.Memory)));
    }

    private static string Gb(long bytes) => $"{bytes / 1e9:0.00} GB";
}
