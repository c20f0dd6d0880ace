using NotebookNet.Notebooks.Execution;

namespace NotebookNet.Interactive.Tests.FrontEnds;

/// <summary>The runner's doctor command on a machine in order and on machines where each part is missing or broken.</summary>
[Collection(NotebookCollection.Name)]
public sealed class DoctorTests(NotebookHarness harness)
{
    private static string Line(ProcessResult result, string check) =>
        result.Output.Split('\n').SingleOrDefault(l => l.Contains(check, StringComparison.Ordinal)) ?? $"(no line for {check} in:\n{result.Output})";

    private static string FixAfter(ProcessResult result, string check)
    {
        var lines = result.Output.Split('\n');
        int at = Array.FindIndex(lines, l => l.Contains(check, StringComparison.Ordinal));
        return at >= 0 && at + 1 < lines.Length ? lines[at + 1].Trim() : "";
    }

    [SkippableFact]
    public async Task On_a_machine_in_order_every_check_passes_and_doctor_exits_0()
    {
        harness.RequireJupyter();
        using var machine = new StudentMachine(harness.Repository);
        Assert.True((await machine.RunnerAsync("install-kernel", "--feed", harness.Feed)).Succeeded);

        var doctor = await machine.RunnerAsync("doctor", "--feed", harness.Feed);

        Assert.True(doctor.Succeeded, doctor.Output);
        Assert.DoesNotContain("FAIL", doctor.Output);
        Assert.StartsWith("OK    .NET SDK (global.json): SDK 10.", Line(doctor, ".NET SDK"));
        Assert.Contains($"{LocalFeed.ExtensionPackageId} {harness.PackedVersion}", Line(doctor, "local feed"));
        Assert.Contains("4 files in ", Line(doctor, "MNIST checksums"));
        Assert.Contains(Path.Combine(machine.UserKernels, KernelSpec.Name), Line(doctor, "as Jupyter finds it"));
    }

    [SkippableFact]
    public async Task Without_jupyter_on_path_doctor_names_it_and_the_kernelspec_with_their_fixes_and_exits_1()
    {
        harness.RequireJupyter();
        using var machine = new StudentMachine(harness.Repository);
        machine.Environment["PATH"] = Directory.CreateDirectory(Path.Combine(machine.Home, "empty-bin")).FullName;

        var doctor = await machine.RunnerAsync("doctor", "--feed", harness.Feed);

        Assert.Equal(1, doctor.ExitCode);
        Assert.StartsWith("FAIL  Jupyter and nbconvert", Line(doctor, "Jupyter and nbconvert"));
        Assert.Equal($"fix: {JupyterTools.InstallCommand}", FixAfter(doctor, "Jupyter and nbconvert"));
        Assert.StartsWith("FAIL  kernelspec notebooknet-csharp", Line(doctor, "kernelspec notebooknet-csharp"));
        // The runner's own dotnet is still found (next to the running host), so the SDK and tool checks pass.
        Assert.StartsWith("OK    .NET SDK", Line(doctor, ".NET SDK"));
    }

    [SkippableFact]
    public async Task A_missing_kernelspec_an_empty_feed_and_a_corrupted_mnist_copy_each_fail_with_their_fix()
    {
        harness.RequireJupyter();
        using var machine = new StudentMachine(harness.Repository);
        string datasets = Path.Combine(machine.Home, "datasets");
        string mnist = Directory.CreateDirectory(Path.Combine(datasets, "mnist")).FullName;
        foreach (string file in Directory.GetFiles(Path.Combine(harness.Repository.Datasets, "mnist")))
            File.Copy(file, Path.Combine(mnist, Path.GetFileName(file)));
        string labels = Path.Combine(mnist, "t10k-labels-idx1-ubyte.gz");
        var bytes = File.ReadAllBytes(labels);
        bytes[^9] ^= 0xFF;   // one flipped byte
        File.WriteAllBytes(labels, bytes);
        machine.Environment[NotebookNet.Data.Mnist.DatasetsVariable] = datasets;
        string emptyFeed = Directory.CreateDirectory(Path.Combine(machine.Home, "feed")).FullName;

        var doctor = await machine.RunnerAsync("doctor", "--feed", emptyFeed);

        Assert.Equal(1, doctor.ExitCode);
        Assert.StartsWith("FAIL  kernelspec notebooknet-csharp installed for this user", Line(doctor, "installed for this user"));
        Assert.EndsWith("-- install-kernel", FixAfter(doctor, "installed for this user"));
        Assert.StartsWith("FAIL  kernelspec notebooknet-csharp as Jupyter finds it", Line(doctor, "as Jupyter finds it"));
        Assert.StartsWith("FAIL  local feed", Line(doctor, "local feed"));
        Assert.Equal("fix: run README command 1: dotnet run --project extensions/NotebookNet.Notebooks -c Release", FixAfter(doctor, "local feed"));
        Assert.Contains("t10k-labels-idx1-ubyte.gz: SHA-256 ", Line(doctor, "MNIST checksums"));
        Assert.StartsWith("fix: restore the files", FixAfter(doctor, "MNIST checksums"));
        Assert.StartsWith("OK    Jupyter and nbconvert", Line(doctor, "Jupyter and nbconvert"));   // only what is broken fails
    }

    [Fact]
    public void Too_little_memory_or_disk_fails_with_what_is_needed_and_what_to_do()
    {
        var memory = Doctor.FreeMemory(1L << 30);
        Assert.False(memory.Passed);
        Assert.Contains("1.0 GB available, a kernel running notebook 06 needs 2.0 GB", memory.Found);
        Assert.NotNull(memory.Fix);
        Assert.True(Doctor.FreeMemory(3L << 30).Passed);
        var disk = Doctor.FreeDisk("/somewhere", 512L << 20);
        Assert.False(disk.Passed);
        Assert.Contains("0.5 GB free at /somewhere", disk.Found);
        Assert.Contains("dotnet nuget locals all --clear", disk.Fix);
    }

    /// <summary>A folder that looks like the repository to the doctor: the marker file, global.json, tool manifest.</summary>
    private static RepositoryLayout FakeRepository(string root, string globalJson, string toolVersion)
    {
        Directory.CreateDirectory(Path.Combine(root, ".config"));
        File.WriteAllText(Path.Combine(root, RepositoryLayout.MarkerFile), "");
        File.WriteAllText(Path.Combine(root, "global.json"), globalJson);
        File.WriteAllText(Path.Combine(root, ".config", "dotnet-tools.json"),
            "{\"version\": 1, \"isRoot\": true, \"tools\": {\"microsoft.dotnet-interactive\": {\"version\": \"" + toolVersion
                + "\", \"commands\": [\"dotnet-interactive\"]}}}");
        return new RepositoryLayout(root);
    }

    private static Doctor DoctorFor(RepositoryLayout repository) =>
        new(new NotebookSetup(repository, Path.Combine(repository.Root, "feed"), Path.Combine(repository.Root, "jupyter")), KernelSpecTarget.User);

    [Fact]
    public async Task An_sdk_that_global_json_does_not_accept_fails_naming_the_wanted_version_and_the_install()
    {
        string root = Directory.CreateTempSubdirectory("notebooknet-doctor-sdk-").FullName;
        try
        {
            var repository = FakeRepository(root, """{"sdk": {"version": "99.0.100", "rollForward": "disable"}}""", "1.0.712001");

            var sdk = await DoctorFor(repository).SdkAsync();

            Assert.False(sdk.Passed, sdk.ToString());
            Assert.Contains("no installed SDK matches global.json (99.0.100 or newer (disable))", sdk.Found);
            Assert.Contains("install the .NET 10 SDK", sdk.Fix);
        }
        finally { Directory.Delete(root, recursive: true); }
    }

    [Fact]
    public async Task A_kernel_tool_that_does_not_restore_fails_with_the_restore_fix()
    {
        string root = Directory.CreateTempSubdirectory("notebooknet-doctor-tool-").FullName;
        try
        {
            string globalJson = File.ReadAllText(Path.Combine(RepositoryLayout.Find(AppContext.BaseDirectory).Root, "global.json"));
            // A version of the kernel tool that was never published: the restore fails as it does offline.
            var repository = FakeRepository(root, globalJson, "0.0.0-never-published");

            var tool = await DoctorFor(repository).KernelToolAsync();

            Assert.False(tool.Passed, tool.ToString());
            Assert.StartsWith("`dotnet tool restore` failed", tool.Found);
            Assert.Contains("run `dotnet tool restore` in the repository", tool.Fix);
        }
        finally { Directory.Delete(root, recursive: true); }
    }
}
