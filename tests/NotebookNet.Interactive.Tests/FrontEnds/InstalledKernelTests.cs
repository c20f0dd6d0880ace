using System.Text.Json.Nodes;
using NotebookNet.Notebooks.Execution;
using Xunit.Abstractions;

namespace NotebookNet.Interactive.Tests.FrontEnds;

/// <summary>
/// The kernelspec as a student installs it (README: install-kernel) and as Jupyter front ends use it: found by
/// Jupyter, running a notebook copied out of the repository, interrupted with jupyter_client's interrupt_kernel.
/// </summary>
[Collection(NotebookCollection.Name)]
public sealed class InstalledKernelTests(NotebookHarness harness, ITestOutputHelper output)
{
    private async Task<StudentMachine> InstalledAsync()
    {
        harness.RequireJupyter();
        var machine = new StudentMachine(harness.Repository);
        var install = await machine.RunnerAsync("install-kernel", "--feed", harness.Feed);
        Assert.True(install.Succeeded, install.Output);
        return machine;
    }

    // Runs a jupyter_client driver of FrontEnds/ on the installed spec in a "lecture" folder of the student's HOME:
    // driver KERNEL_NAME FOLDER ARGUMENT REPORT_JSON; returns its run and its report.
    private async Task<(ProcessResult Run, JsonNode Report, string Folder)> DriveInstalledAsync(string driver, string argument)
    {
        using var machine = await InstalledAsync();
        string folder = Directory.CreateDirectory(Path.Combine(machine.Home, "lecture")).FullName;
        string report = Path.Combine(machine.Home, "report.json");
        var run = await machine.PythonAsync(folder, TimeSpan.FromMinutes(10),
            Path.Combine(AppContext.BaseDirectory, "FrontEnds", driver), KernelSpec.Name, folder, argument, report);
        Assert.True(File.Exists(report), run.Tail(40));
        return (run, JsonNode.Parse(File.ReadAllText(report))!, folder);
    }

    [SkippableFact]
    public async Task Install_kernel_puts_a_spec_jupyter_finds_and_uninstall_leaves_the_jupyter_folders_byte_identical()
    {
        using var machine = new StudentMachine(harness.Repository);
        harness.RequireJupyter();
        // The student's own .NET Interactive kernel is there before and must stay untouched.
        var own = Directory.CreateDirectory(Path.Combine(machine.UserKernels, ".net-csharp"));
        File.WriteAllText(Path.Combine(own.FullName, "kernel.json"), """{"argv": ["dotnet", "interactive", "jupyter", "{connection_file}"], "display_name": ".NET (C#)", "language": "C#"}""");
        var before = machine.JupyterFolders();

        var install = await machine.RunnerAsync("install-kernel", "--feed", harness.Feed);

        Assert.True(install.Succeeded, install.Output);
        string spec = Path.Combine(machine.UserKernels, KernelSpec.Name, "kernel.json");
        var list = await machine.PythonAsync(machine.Home, TimeSpan.FromMinutes(1), "-c", KernelSpecInstaller.ListScript);
        var specs = JsonNode.Parse(list.Output[list.Output.IndexOf('{')..])!["kernelspecs"]!;
        Assert.Equal(Path.GetDirectoryName(spec), specs[KernelSpec.Name]!["resource_dir"]!.GetValue<string>());
        Assert.Equal(KernelSpec.DisplayName, specs[KernelSpec.Name]!["spec"]!["display_name"]!.GetValue<string>());
        Assert.Equal("signal", specs[KernelSpec.Name]!["spec"]!["interrupt_mode"]!.GetValue<string>());
        Assert.Equal(own.FullName, specs[".net-csharp"]!["resource_dir"]!.GetValue<string>());

        var uninstall = await machine.RunnerAsync("uninstall-kernel");
        Assert.True(uninstall.Succeeded, uninstall.Output);
        Assert.Equal(before, machine.JupyterFolders());

        // A fresh account: install creates ~/.local/share/jupyter/kernels, uninstall removes it again.
        Directory.Delete(Path.Combine(machine.Home, ".local", "share", "jupyter"), recursive: true);
        var empty = machine.JupyterFolders();
        Assert.True((await machine.RunnerAsync("install-kernel", "--feed", harness.Feed)).Succeeded);
        Assert.True(File.Exists(spec));
        Assert.True((await machine.RunnerAsync("uninstall-kernel")).Succeeded);
        Assert.Equal(empty, machine.JupyterFolders());
    }

    [SkippableFact]
    public async Task A_lecture_notebook_copied_out_of_the_repository_runs_through_nbconvert_with_the_installed_kernel()
    {
        using var machine = await InstalledAsync();
        string folder = Directory.CreateDirectory(Path.Combine(machine.Home, "my-notebooks")).FullName;
        string notebook = Path.Combine(folder, "05-convolution.ipynb");
        File.Copy(harness.LectureNotebook("05-convolution"), notebook);

        // No kernel name given: nbconvert takes it from the notebook's metadata, as a front end opening it does.
        var run = await machine.PythonAsync(folder, TimeSpan.FromMinutes(10),
            "-m", "nbconvert", "--to", "notebook", "--execute", "--ExecutePreprocessor.timeout=600", "--output", "executed", notebook);

        Assert.True(run.Succeeded, run.Tail(40));
        var outputs = TestNotebook.CodeCellOutputs(Path.Combine(folder, "executed.ipynb"));
        Assert.Contains(outputs[0], o => TestNotebook.Data(o, "text/plain")?.Contains(" loaded: formatters for ", StringComparison.Ordinal) == true);
        Assert.DoesNotContain(outputs.SelectMany(o => o), o => (string?)o!["output_type"] == "error");
    }

    [SkippableFact]
    public async Task Four_kernels_started_at_the_same_moment_with_the_installed_kernelspec_all_answer_each_on_its_own_http_port()
    {
        // As JupyterLab reopening four notebooks does: four kernels of the spec start at the same moment.
        var (run, result, _) = await DriveInstalledAsync("jupyter_simultaneous.py", "4");

        var kernels = result["kernels"]!.AsArray();
        Assert.Equal(4, kernels.Count);
        var httpPorts = new List<string>();
        foreach (var kernel in kernels)
        {
            Assert.True(kernel!["status"]?.GetValue<string>() == "ok" && kernel["alive"]!.GetValue<bool>(),
                $"a kernel did not answer or died: {kernels.ToJsonString()}\n{run.Tail(40)}");
            // Its sockets: Jupyter's five ZeroMQ ports and its own HTTP port, all on loopback.
            var zmq = kernel["zmq_ports"]!.AsArray().Select(p => $"127.0.0.1:{p}").ToHashSet();
            var sockets = kernel["ports"]!.AsArray().Select(p => p!.GetValue<string>()).ToArray();
            Assert.All(sockets, s => Assert.StartsWith("127.0.0.1:", s));
            Assert.Subset(sockets.ToHashSet(), zmq);
            httpPorts.Add(Assert.Single(sockets, s => !zmq.Contains(s)));
        }
        Assert.Equal(4, httpPorts.Distinct().Count());
        output.WriteLine($"4 kernels started at once all answered within {result["seconds"]!.GetValue<double>():0.0} s on HTTP ports " +
                         $"{string.Join(", ", httpPorts)}; load {File.ReadAllText("/proc/loadavg").Trim()}");
    }

    [SkippableFact]
    public async Task Jupyters_interrupt_stops_fit_ten_times_in_one_kernel_and_evaluate_predict_and_the_loops_too()
    {
        var (run, result, folder) = await DriveInstalledAsync("jupyter_interrupt.py", "10");

        Assert.True(run.Succeeded, run.Tail(40));
        Assert.Contains("Jupyter's Interrupt stops training.", result["load"]!.GetValue<string>());
        Assert.Equal(folder, result["cwd"]!.GetValue<string>());                 // the kernel works in the notebook's folder
        var sockets = result["sockets"]!.AsArray().Select(s => s!.GetValue<string>()).ToArray();
        Assert.NotEmpty(sockets);
        Assert.All(sockets, s => Assert.StartsWith("127.0.0.1:", s));              // loopback only (ss -ltnp)

        var fits = result["fits"]!.AsArray();
        Assert.Equal(10, fits.Count);
        var latencies = new List<double>();
        foreach (var fit in fits)
        {
            Assert.Equal("ok", fit!["status"]!.GetValue<string>());                 // the cell ends normally
            Assert.Null(fit["error"]);
            double latency = fit["latency"]!.GetValue<double>();
            Assert.InRange(latency, 0, 2.0);
            latencies.Add(latency);
            Assert.Matches(@"Interrupted</b> after \d+ of 1000 epochs( and \d+ of 63 batches of epoch \d+)?", fit["final"]![0]!.GetValue<string>());
        }
        Assert.All(result["checks"]!.AsArray(), c => Assert.Equal("True True 100", c!["texts"]![0]!.GetValue<string>().Trim()));

        foreach (var other in result["others"]!.AsArray())
        {
            string call = other!["call"]!.GetValue<string>();
            Assert.Equal("error", other["status"]!.GetValue<string>());
            Assert.Contains($"Interrupted: ", other["error"]!.GetValue<string>());
            Assert.Contains(call == "GradientDescent" ? "GradientDescent.Minimize stopped" : $".{call} stopped", other["error"]!.GetValue<string>());
            double latency = other["latency"]!.GetValue<double>();
            Assert.InRange(latency, 0, 2.0);
            output.WriteLine($"{call}: interrupted in {latency * 1000:0} ms");
        }
        Assert.StartsWith("loss: ", result["after_others"]!.GetValue<string>());
        Assert.True(result["survived_own_loop"]!.GetValue<bool>(), "Interrupt during a cell's own endless loop killed the kernel");
        Assert.False(result["processes_left"]!.GetValue<bool>(), "the kernel process outlived its shutdown");

        latencies.Sort();
        output.WriteLine($"Fit interrupted 10 of 10: median {(latencies[4] + latencies[5]) / 2 * 1000:0} ms, max {latencies[^1] * 1000:0} ms; load {File.ReadAllText("/proc/loadavg").Trim()}");
    }
}
