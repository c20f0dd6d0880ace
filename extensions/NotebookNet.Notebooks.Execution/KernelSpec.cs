using System.Text.Json;
using System.Text.Json.Nodes;

namespace NotebookNet.Notebooks.Execution;

/// <summary>
/// The Jupyter kernelspec of the pinned .NET Interactive kernel, written into a project folder that Jupyter finds
/// through JUPYTER_PATH (<c>&lt;folder&gt;/kernels/&lt;name&gt;/kernel.json</c>).
/// </summary>
/// <remarks>
/// Written by setup rather than committed because it holds the absolute path of the local feed
/// (<c>RestoreAdditionalProjectSources</c>: MSBuild reads environment variables as properties, so every
/// <c>#r "nuget: ..."</c> restore of the kernel also looks in the feed, and no notebook names a path).
/// The kernel starts through the repository's tool manifest (<c>dotnet tool run</c>), so it runs the pinned version;
/// the kernel's working directory is the notebook's folder, which must be inside the repository.
/// <c>--http-local-only</c>: otherwise the kernel serves HTTP on every network interface.
/// <c>interrupt_mode: message</c>: the pinned kernel stops its host on SIGINT (Jupyter's default interrupt kills
/// the kernel and everything in memory) and ignores interrupt messages, so an interrupt does nothing rather than
/// lose the session; in-process hosts can cancel a cell.
/// </remarks>
public static class KernelSpec
{
    /// <summary>
    /// The kernelspec name; the standard name of the .NET Interactive C# kernel, so notebooks keep the metadata
    /// every .NET Interactive front end writes, and this spec wins over a global install while JUPYTER_PATH points here.
    /// </summary>
    public const string Name = ".net-csharp";

    /// <summary>Writes <c>kernels/<see cref="Name"/>/kernel.json</c> under <paramref name="jupyterPath"/>; returns its path.</summary>
    /// <param name="jupyterPath">The folder that JUPYTER_PATH will point to.</param>
    /// <param name="feedFolder">The local NuGet feed, absolute; created if missing (a missing source fails every restore).</param>
    public static string Write(string jupyterPath, string feedFolder)
    {
        if (!Path.IsPathFullyQualified(feedFolder))
            throw new ArgumentException($"KernelSpec.Write needs an absolute feed folder; received '{feedFolder}'.", nameof(feedFolder));
        Directory.CreateDirectory(feedFolder);
        string folder = Path.Combine(Path.GetFullPath(jupyterPath), "kernels", Name);
        Directory.CreateDirectory(folder);
        string file = Path.Combine(folder, "kernel.json");
        File.WriteAllText(file, Json(feedFolder));
        return file;
    }

    /// <summary>The kernel.json text.</summary>
    public static string Json(string feedFolder)
    {
        var spec = new JsonObject
        {
            ["argv"] = new JsonArray(
                "dotnet", "tool", "run", "dotnet-interactive", "--",
                "jupyter", "--default-kernel", "csharp", "--http-local-only", "{connection_file}"),
            ["display_name"] = ".NET (C#) · NotebookNet",
            ["language"] = "C#",
            ["interrupt_mode"] = "message",
            ["env"] = new JsonObject
            {
                ["DOTNET_INTERACTIVE_CLI_TELEMETRY_OPTOUT"] = "1",
                ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
                ["DOTNET_NOLOGO"] = "1",
                ["RestoreAdditionalProjectSources"] = feedFolder,
            },
        };
        return spec.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }
}
