using NotebookNet.Notebooks.Execution;

namespace NotebookNet.Notebooks;

/// <summary>The runner's commands for the front ends a student opens the lecture in: install-kernel, uninstall-kernel, doctor.</summary>
internal static class FrontEndCommands
{
    /// <summary>Installs the kernelspec for <paramref name="target"/>, restoring from the packages in the set-up's feed.</summary>
    public static async Task<int> InstallKernelAsync(NotebookSetup setup, KernelSpecTarget target)
    {
        var versions = new LocalFeed(setup.FeedFolder).Versions(LocalFeed.ExtensionPackageId);
        if (versions.Count == 0)
        {
            Console.Error.WriteLine($"No {LocalFeed.ExtensionPackageId} package in {setup.FeedFolder}.");
            return 2;
        }
        Console.WriteLine($"The kernel restores {LocalFeed.ExtensionPackageId} {versions[^1]} (and newer) from {setup.FeedFolder}.");
        try
        {
            await setup.RestoreKernelToolAsync();   // the spec runs the pinned tool: it must be restored for this account
            var spec = new KernelSpec(setup.Repository, setup.FeedFolder);
            string folder = await KernelSpecInstaller.InstallAsync(spec, target);
            Console.WriteLine($"Installed the kernel \"{KernelSpec.DisplayName}\" ({KernelSpec.Name}) {target}: {folder}");
            Console.WriteLine($"Open {Path.GetRelativePath(Environment.CurrentDirectory, setup.Repository.Notebooks)}/ in JupyterLab, Jupyter Notebook or VS Code:"
                + " the lecture notebooks start with this kernel. Remove it with uninstall-kernel.");
            return 0;
        }
        catch (InvalidOperationException e)
        {
            Console.Error.WriteLine(e.Message);
            return 2;
        }
    }

    /// <summary>Removes what install-kernel added for <paramref name="target"/>.</summary>
    public static async Task<int> UninstallKernelAsync(KernelSpecTarget target)
    {
        try
        {
            string? removed = await KernelSpecInstaller.UninstallAsync(target);
            Console.WriteLine(removed is null
                ? $"No kernel {KernelSpec.Name} is installed {target}; nothing to remove."
                : $"Removed the kernel {KernelSpec.Name} ({removed}).");
            return 0;
        }
        catch (InvalidOperationException e)
        {
            Console.Error.WriteLine(e.Message);
            return 2;
        }
    }

    /// <summary>Prints every check of <see cref="Doctor"/>; 0 when all passed, 1 otherwise.</summary>
    public static async Task<int> DoctorAsync(NotebookSetup setup, KernelSpecTarget target)
    {
        var checks = await new Doctor(setup, target).RunAsync();
        foreach (var check in checks) Console.WriteLine(check);
        int failed = checks.Count(c => !c.Passed);
        Console.WriteLine(failed == 0 ? "Everything the notebooks need is in place." : $"{failed} of {checks.Count} checks failed; run the fixes above, then doctor again.");
        return failed == 0 ? 0 : 1;
    }
}
