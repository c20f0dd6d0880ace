namespace NotebookNet.Notebooks.Execution;

/// <summary>Finds out whether Jupyter (with nbconvert and nbclient) can run notebooks on this machine.</summary>
public static class JupyterTools
{
    /// <summary>The Debian/Ubuntu packages that bring everything needed.</summary>
    public const string InstallCommand = "sudo apt-get install -y jupyter-notebook jupyter-nbconvert python3-nbclient";

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
