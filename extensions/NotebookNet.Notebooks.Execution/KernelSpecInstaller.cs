namespace NotebookNet.Notebooks.Execution;

/// <summary>Where a kernelspec is installed, as <c>jupyter kernelspec install</c>'s options say it.</summary>
/// <param name="System">Install for every user (Jupyter's system data folder, e.g. /usr/local/share/jupyter) rather than for this user.</param>
/// <param name="Prefix">Install under <c>&lt;Prefix&gt;/share/jupyter</c> (e.g. a JupyterHub's environment); overrides <paramref name="System"/>.</param>
public sealed record KernelSpecTarget(bool System = false, string? Prefix = null)
{
    /// <summary>This user's Jupyter data folder (<c>jupyter --data-dir</c>, e.g. ~/.local/share/jupyter).</summary>
    public static KernelSpecTarget User { get; } = new();

    /// <summary>The options of <c>jupyter kernelspec install</c> for this target.</summary>
    public IReadOnlyList<string> InstallOptions =>
        Prefix is not null ? ["--prefix", Path.GetFullPath(Prefix)] : System ? [] : ["--user"];

    /// <summary>How the target is named in messages.</summary>
    public override string ToString() =>
        Prefix is not null ? $"under the prefix {Path.GetFullPath(Prefix)}" : System ? "for every user" : "for this user";
}

/// <summary>
/// Installs the project's kernelspec where Jupyter front ends look for kernels (JupyterLab, Notebook, VS Code's
/// Jupyter extension, nbconvert), and removes it again, following Jupyter's conventions.
/// </summary>
/// <remarks>
/// Install writes the spec into a temporary folder and installs it as <c>jupyter kernelspec install</c> does (with the
/// function that command calls, from the Python that runs Jupyter: Debian ships the <c>jupyter kernelspec</c> command
/// in a package of its own). Folders that did not exist before (a fresh account has no
/// ~/.local/share/jupyter/kernels) are recorded in the spec's metadata, and uninstall removes the spec's folder and
/// then those folders if they are empty: the Jupyter folders end exactly as they were.
/// </remarks>
public static class KernelSpecInstaller
{
    // KernelSpecManager.install_kernel_spec is what `jupyter kernelspec install` calls; calling it directly skips the
    // command's first-run migration, which would add ~/.jupyter/migrated and ~/.ipython to a fresh account.
    private const string InstallScript =
        "import sys; from jupyter_client.kernelspec import KernelSpecManager as M; " +
        "print(M().install_kernel_spec(sys.argv[1], sys.argv[2], user=sys.argv[3] == 'user', prefix=sys.argv[4] or None))";

    /// <summary>What <c>jupyter kernelspec list --json</c> prints, without the command's first-run migration.</summary>
    public const string ListScript =
        "import json; from jupyter_client.kernelspec import KernelSpecManager as M; print(json.dumps({'kernelspecs': M().get_all_specs()}))";

    private const string PathsScript =
        "import sys, jupyter_core.paths as p; print(p.jupyter_data_dir() if sys.argv[1] == 'user' else p.SYSTEM_JUPYTER_PATH[0])";

    /// <summary>The folder the spec goes to for <paramref name="target"/>: <c>&lt;Jupyter data folder&gt;/kernels/notebooknet-csharp</c>.</summary>
    public static async Task<string> DestinationAsync(KernelSpecTarget target, IReadOnlyDictionary<string, string?>? environment = null)
    {
        string data;
        if (target.Prefix is not null) data = Path.Combine(Path.GetFullPath(target.Prefix), "share", "jupyter");
        else
        {
            var result = await Python(["-c", PathsScript, target.System ? "system" : "user"], environment);
            if (!result.Succeeded)
                throw new InvalidOperationException($"Could not ask Jupyter for its data folder ({JupyterTools.FindPython()}: {result.Tail(5)}). Install Jupyter: {JupyterTools.InstallCommand}");
            data = result.Output.Trim().Split('\n')[^1].Trim();
        }
        return Path.Combine(data, "kernels", KernelSpec.Name);
    }

    /// <summary>Installs <paramref name="spec"/> for <paramref name="target"/>; returns the installed folder.</summary>
    /// <exception cref="InvalidOperationException">Jupyter failed, or a spec of the same name that NotebookNet did not write is in the way.</exception>
    /// <param name="spec">The spec to install.</param>
    /// <param name="target">Where.</param>
    /// <param name="environment">Variables for Jupyter's processes (e.g. another HOME); null keeps this process's.</param>
    public static async Task<string> InstallAsync(KernelSpec spec, KernelSpecTarget target, IReadOnlyDictionary<string, string?>? environment = null)
    {
        string destination = await DestinationAsync(target, environment);
        string existing = Path.Combine(destination, "kernel.json");
        var created = Directory.Exists(destination)
            ? KernelSpec.CreatedFolders(existing) ?? throw new InvalidOperationException(
                $"'{destination}' holds a kernelspec named {KernelSpec.Name} that NotebookNet did not write; remove it first.")
            : MissingAncestors(destination);

        var temporary = Directory.CreateTempSubdirectory("notebooknet-kernelspec-");
        try
        {
            string folder = Path.Combine(temporary.FullName, KernelSpec.Name);
            spec.WriteInto(folder, created);
            var result = await Python(["-c", InstallScript, folder, KernelSpec.Name,
                target.Prefix is null && !target.System ? "user" : "system", target.Prefix is null ? "" : Path.GetFullPath(target.Prefix)], environment);
            if (!result.Succeeded || !File.Exists(existing))
                throw new InvalidOperationException($"Installing the kernelspec with jupyter_client failed (exit {result.ExitCode}):\n{result.Tail()}");
        }
        finally
        {
            temporary.Delete(recursive: true);
        }
        return destination;
    }

    /// <summary>
    /// Removes the spec installed for <paramref name="target"/> and the folders its installation created; returns the
    /// removed folder, or null when none was installed there.
    /// </summary>
    /// <exception cref="InvalidOperationException">The spec there was not written by NotebookNet (it is left alone).</exception>
    public static async Task<string?> UninstallAsync(KernelSpecTarget target, IReadOnlyDictionary<string, string?>? environment = null)
    {
        string destination = await DestinationAsync(target, environment);
        if (!Directory.Exists(destination)) return null;
        var created = KernelSpec.CreatedFolders(Path.Combine(destination, "kernel.json"))
            ?? throw new InvalidOperationException($"'{destination}' holds a kernelspec named {KernelSpec.Name} that NotebookNet did not write; left it alone.");
        Directory.Delete(destination, recursive: true);
        foreach (string folder in created.OrderByDescending(f => f.Length))
            if (Directory.Exists(folder) && !Directory.EnumerateFileSystemEntries(folder).Any())
                Directory.Delete(folder);
        return destination;
    }

    // The destination's parent folders that do not exist yet, outermost first.
    private static List<string> MissingAncestors(string destination)
    {
        var missing = new List<string>();
        for (var dir = Directory.GetParent(destination); dir is not null && !dir.Exists; dir = dir.Parent)
            missing.Insert(0, dir.FullName);
        return missing;
    }

    private static Task<ProcessResult> Python(string[] arguments, IReadOnlyDictionary<string, string?>? environment) =>
        ProcessRunner.RunAsync(JupyterTools.FindPython(), arguments, Environment.CurrentDirectory, TimeSpan.FromMinutes(2), environment);
}
