using System.Text.Json;
using System.Text.Json.Nodes;

namespace NotebookNet.Notebooks.Execution;

/// <summary>
/// The Jupyter kernelspec of the pinned .NET Interactive kernel as this repository runs it: written into a project
/// folder that the runner gives Jupyter as JUPYTER_PATH, or installed for the student by <c>install-kernel</c>.
/// </summary>
/// <remarks>
/// <para>Every path in it is absolute, so it works from any folder, including a notebook copied out of the repository:</para>
/// <list type="bullet">
/// <item>argv starts <c>kernel_launcher.py</c> (with the Python that runs Jupyter), which starts the kernel through the
/// repository's tool manifest (<c>dotnet tool run</c> in the repository) in a session of its own and turns Jupyter's
/// SIGINT into the SIGUSR1 the extension handles: Interrupt stops training instead of killing the kernel, hence
/// <c>interrupt_mode: signal</c>. The launcher also gives the kernel its HTTP port (<c>--http-port-range P-P</c>), so
/// kernels started at the same moment do not take the same one;</item>
/// <item><c>RestoreAdditionalProjectSources</c> = the local feed (MSBuild reads environment variables as properties, so
/// every <c>#r "nuget: ..."</c> restore also looks there and no notebook names a path);</item>
/// <item><c>NOTEBOOKNET_DATASETS</c> = the repository's <c>datasets/</c>, so <c>Mnist.Load()</c> finds MNIST anywhere;</item>
/// <item><c>--http-local-only</c>: otherwise the kernel serves HTTP on every network interface; telemetry off.</item>
/// </list>
/// <para>Its name is its own (<see cref="Name"/>), not the standard <c>.net-csharp</c>: a user-level spec of that name
/// would take over the student's own .NET Interactive kernel in every notebook on the machine.</para>
/// </remarks>
/// <param name="Repository">The checkout whose tool manifest, launcher and datasets the kernel uses.</param>
/// <param name="FeedFolder">The local NuGet feed, absolute.</param>
public sealed record KernelSpec(RepositoryLayout Repository, string FeedFolder)
{
    /// <summary>The kernelspec name, written into the lecture notebooks' metadata.</summary>
    public const string Name = "notebooknet-csharp";

    /// <summary>What a front end's kernel picker shows.</summary>
    public const string DisplayName = "C# (NotebookNet)";

    /// <summary>The kernel's language, as the .NET Interactive kernel reports it.</summary>
    public const string Language = "C#";

    /// <summary>The key under the spec's metadata that marks a spec as written by NotebookNet.</summary>
    public const string MetadataKey = "notebooknet";

    /// <summary>Writes <c>kernels/<see cref="Name"/>/kernel.json</c> under <paramref name="jupyterPath"/>; returns its path.</summary>
    /// <param name="jupyterPath">The folder that JUPYTER_PATH will point to.</param>
    /// <param name="feedFolder">The local NuGet feed, absolute; created if missing (a missing source fails every restore).</param>
    /// <param name="repository">The checkout; by default the one that holds <paramref name="feedFolder"/>.</param>
    public static string Write(string jupyterPath, string feedFolder, RepositoryLayout? repository = null)
    {
        if (!Path.IsPathFullyQualified(feedFolder))
            throw new ArgumentException($"KernelSpec.Write needs an absolute feed folder; received '{feedFolder}'.", nameof(feedFolder));
        var spec = new KernelSpec(repository ?? RepositoryLayout.Find(feedFolder), feedFolder);
        return spec.WriteInto(Path.Combine(Path.GetFullPath(jupyterPath), "kernels", Name));
    }

    /// <summary>Writes kernel.json into <paramref name="folder"/> (created; the feed folder too); returns the file's path.</summary>
    /// <param name="folder">The kernelspec folder, named <see cref="Name"/> by convention.</param>
    /// <param name="createdFolders">Folders an installation creates, recorded so that uninstalling removes them again.</param>
    public string WriteInto(string folder, IReadOnlyList<string>? createdFolders = null)
    {
        Directory.CreateDirectory(FeedFolder);
        Directory.CreateDirectory(folder);
        string file = Path.Combine(folder, "kernel.json");
        File.WriteAllText(file, Json(createdFolders));
        return file;
    }

    /// <summary>The kernel.json text.</summary>
    public string Json(IReadOnlyList<string>? createdFolders = null)
    {
        var argv = new JsonArray(
            JupyterTools.FindPython(), Repository.KernelLauncher, "--tool-dir", Repository.Root, "--",
            DotnetEnvironment.FindDotnet(), "tool", "run", "dotnet-interactive", "--",
            "jupyter", "--default-kernel", "csharp", "--http-local-only", "{connection_file}");
        var env = new JsonObject
        {
            ["RestoreAdditionalProjectSources"] = FeedFolder,
            [Data.Mnist.DatasetsVariable] = Repository.Datasets,
        };
        foreach (var (name, value) in DotnetEnvironment.Quiet) env[name] = value;
        var spec = new JsonObject
        {
            ["argv"] = argv,
            ["display_name"] = DisplayName,
            ["language"] = Language,
            ["interrupt_mode"] = "signal",
            ["env"] = env,
            ["metadata"] = new JsonObject
            {
                [MetadataKey] = new JsonObject
                {
                    ["repository"] = Repository.Root,
                    ["created_folders"] = new JsonArray((createdFolders ?? []).Select(f => (JsonNode)f).ToArray()),
                },
            },
        };
        return spec.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    /// <summary>The folders recorded in a NotebookNet kernel.json as created by its installation; null if the file is not NotebookNet's.</summary>
    public static IReadOnlyList<string>? CreatedFolders(string kernelJson)
    {
        try
        {
            var node = JsonNode.Parse(File.ReadAllText(kernelJson))?["metadata"]?[MetadataKey];
            return node?["created_folders"]?.AsArray().Select(f => f!.GetValue<string>()).ToArray();
        }
        catch (Exception e) when (e is JsonException or IOException or InvalidOperationException)
        {
            return null;
        }
    }
}
