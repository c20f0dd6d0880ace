namespace NotebookNet.Notebooks.Execution;

/// <summary>Finds out whether Jupyter (with nbconvert and nbclient) can run notebooks on this machine.</summary>
public static class JupyterTools
{
    /// <summary>The Debian/Ubuntu packages that bring everything needed.</summary>
    public const string InstallCommand = "sudo apt-get install -y jupyter-notebook jupyter-nbconvert python3-nbclient";

    /// <summary>What the runner runs itself when it is root on a Debian-like machine.</summary>
    public const string RootInstallCommand = "apt-get update && apt-get install -y jupyter-notebook jupyter-nbconvert python3-nbclient";

    /// <summary>True when this process may install the packages itself: root, on Linux, with apt-get.</summary>
    public static bool CanInstall =>
        OperatingSystem.IsLinux() && Environment.UserName == "root" && File.Exists("/usr/bin/apt-get");

    /// <summary>Runs <see cref="RootInstallCommand"/>, echoing its output; true when both steps succeeded.</summary>
    public static async Task<bool> InstallAsync(Action<string> echo)
    {
        var environment = new Dictionary<string, string?> { ["DEBIAN_FRONTEND"] = "noninteractive" };
        foreach (string[] step in new[] { new[] { "update" }, ["install", "-y", "jupyter-notebook", "jupyter-nbconvert", "python3-nbclient"] })
        {
            var result = await ProcessRunner.RunAsync("apt-get", step, Environment.CurrentDirectory, TimeSpan.FromMinutes(20), environment, echo);
            if (!result.Succeeded)
            {
                echo($"apt-get {step[0]} failed (exit code {result.ExitCode}).");
                return false;
            }
        }
        return true;
    }

    /// <summary>
    /// The Python that runs Jupyter (the interpreter named in the first line of <c>jupyter</c> on PATH), else
    /// <c>python3</c> on PATH: the kernel launcher needs only the standard library, and this one exists wherever Jupyter does.
    /// </summary>
    public static string FindPython()
    {
        if (ExecutablePath.Find("jupyter") is { } jupyter && ExecutablePath.Shebang(jupyter) is { } interpreter)
            return interpreter;
        return ExecutablePath.Find("python3") ?? "python3";
    }

    /// <summary>Null when <c>jupyter nbconvert</c> and <c>jupyter execute</c> (nbclient) answer; else why not.</summary>
    public static async Task<string?> WhyUnavailableAsync()
    {
        foreach (string sub in new[] { "nbconvert", "execute" })
        {
            var result = await ProcessRunner.RunAsync("jupyter", [sub, "--version"], Environment.CurrentDirectory, TimeSpan.FromMinutes(1));
            if (!result.Succeeded)
                return $"`jupyter {sub} --version` failed: {result.Tail(3)}";
        }
        return null;
    }
}
