using System.Text.Json.Nodes;
using NotebookNet.Homework;
using NotebookNet.Notebooks.Execution;

namespace NotebookNet.Grading;

/// <summary>What the teacher asked for on the command line.</summary>
/// <param name="Template">The homework template (the notebook with the official check cells).</param>
/// <param name="HiddenFolder">The teacher's folder of hidden checks and points, or null.</param>
/// <param name="OutputFolder">Where results, feedback and the gradebook go.</param>
/// <param name="TestImages">IDX images of the grader's test set, or null for MNIST's test set.</param>
/// <param name="TestLabels">IDX labels of the grader's test set, or null for MNIST's test set.</param>
/// <param name="Limits">Time, memory and process limits per submission.</param>
/// <param name="Isolate">False with <c>--no-sandbox</c>.</param>
/// <param name="HideAlso">More folders the submissions must not see (the submissions folder).</param>
public sealed record GradingRequest(string Template, string? HiddenFolder, string OutputFolder, string? TestImages, string? TestLabels,
    SandboxLimits Limits, bool Isolate, IReadOnlyList<string> HideAlso);

/// <summary>Sets up a grading run once: sandbox check, packages (reused when unchanged), test set, teacher's checks.</summary>
public static class GradingSetup
{
    /// <summary>
    /// Builds the <see cref="GradingContext"/>; throws <see cref="ArgumentException"/> for bad input and
    /// <see cref="InvalidOperationException"/> when the machine cannot grade (no sandbox without --no-sandbox, a failed build).
    /// </summary>
    public static async Task<GradingContext> CreateAsync(RepositoryLayout repository, GradingRequest request, Action<string> log)
    {
        if (request.Isolate && await Sandbox.WhyUnavailableAsync() is { } why)
            throw new InvalidOperationException($"Refusing to run students' code without a sandbox: {why}. " +
                "Install bubblewrap and run as a user who may create cgroups, or pass --no-sandbox to run it with your own rights.");
        if (!request.Isolate) log("WARNING: --no-sandbox: students' code runs with your rights, with network and your files.");
        if (!File.Exists(request.Template)) throw new ArgumentException($"--template: no notebook at '{request.Template}'.");
        var template = JsonNode.Parse(File.ReadAllText(request.Template)) ?? throw new ArgumentException($"--template '{request.Template}' is empty.");
        if (HomeworkNotebook.CheckCells(template).Count == 0)
            throw new ArgumentException($"--template '{request.Template}' has no code cell tagged \"{HomeworkNotebook.CheckTag}\"; it is not a homework template.");
        var teacher = request.HiddenFolder is null ? TeacherChecks.None : TeacherChecks.Read(request.HiddenFolder);

        string mnist = Path.Combine(repository.Root, "datasets", "mnist");
        string images = request.TestImages ?? Path.Combine(mnist, "t10k-images-idx3-ubyte.gz");
        string labels = request.TestLabels ?? Path.Combine(mnist, "t10k-labels-idx1-ubyte.gz");
        if ((request.TestImages is null) != (request.TestLabels is null))
            throw new ArgumentException("--test-images and --test-labels go together: give both, or neither for MNIST's test set.");
        GradingTestSet test;
        try
        {
            test = GradingTestSet.Read(images, labels);
        }
        catch (Exception e) when (e is FileNotFoundException or InvalidDataException)
        {
            throw new ArgumentException($"The grader's test set cannot be read: {e.Message}");
        }

        string output = Path.GetFullPath(request.OutputFolder);
        Directory.CreateDirectory(output);
        Cgroup.RemoveStale();
        var setup = NotebookSetup.Default(repository);
        log("Building and packing NotebookNet once for this run (reused when the sources are unchanged) ...");
        string version = await setup.PrepareAsync(reuseUnchanged: true);
        await WarmPackageCacheAsync(repository, setup, version, output);
        log($"Packages {version}; grader's test set: {test} (SHA-256 {test.Sha256[..12]}…); {teacher.Checks.Count} hidden checks; " +
            $"limits per submission: {request.Limits}; sandbox: {(request.Isolate ? "bubblewrap + cgroup" : "none")}.");

        // Hidden from every submission: the teacher's data, the output folder (results, other work folders), the
        // submissions, and HOME except the package cache. The lecture's own MNIST stays readable: the notebook trains on it.
        var hidden = new List<string> { output, Environment.GetFolderPath(Environment.SpecialFolder.UserProfile) };
        hidden.AddRange(request.HideAlso);
        if (request.HiddenFolder is not null) hidden.Add(request.HiddenFolder);
        foreach (string file in new[] { images, labels })
            if (!Path.GetFullPath(file).StartsWith(mnist + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                hidden.Add(Path.GetDirectoryName(Path.GetFullPath(file))!);
        // Shown again read-only inside hidden folders: the package cache (in HOME), the repository (kernelspec, feed, MNIST).
        // .NET's own folder too, in case it is installed in HOME (dotnet-install.sh puts it in ~/.dotnet).
        string dotnetRoot = Path.GetFullPath(Path.Combine(System.Runtime.InteropServices.RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));
        var visible = new List<string> { SubmissionWorkspace.PackageCache, repository.Root };
        if (dotnetRoot != "/" && File.Exists(Path.Combine(dotnetRoot, "dotnet"))) visible.Add(dotnetRoot);
        var sandbox = new Sandbox(request.Limits, hidden, visible, request.Isolate);
        return new GradingContext(repository, setup, Path.GetFullPath(request.Template), template, teacher, test, sandbox, output);
    }

    // The sandbox has no network and a read-only package cache, so the packed version and its dependencies must be
    // in the cache before the first submission: one restore of a throw-away project, outside the sandbox.
    private static async Task WarmPackageCacheAsync(RepositoryLayout repository, NotebookSetup setup, string version, string output)
    {
        string cached = Path.Combine(SubmissionWorkspace.PackageCache, LocalFeed.ExtensionPackageId.ToLowerInvariant(), version);
        if (Directory.Exists(cached)) return;
        string folder = Path.Combine(output, "warm-up");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "warm-up.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>
                <RestoreAdditionalProjectSources>{setup.FeedFolder}</RestoreAdditionalProjectSources>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="{LocalFeed.ExtensionPackageId}" Version="{version}" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(folder, "Directory.Build.props"), "<Project />");
        File.WriteAllText(Path.Combine(folder, "Directory.Packages.props"), "<Project />");
        var restore = await ProcessRunner.RunAsync("dotnet", ["restore", "warm-up.csproj"], folder, TimeSpan.FromMinutes(10), DotnetEnvironment.Quiet);
        Directory.Delete(folder, recursive: true);
        if (!restore.Succeeded)
            throw new InvalidOperationException($"Could not put {LocalFeed.ExtensionPackageId} {version} into the package cache (exit {restore.ExitCode}):\n{restore.Tail()}");
    }
}
