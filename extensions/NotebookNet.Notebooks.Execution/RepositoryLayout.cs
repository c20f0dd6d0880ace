namespace NotebookNet.Notebooks.Execution;

/// <summary>
/// Where things live in a checkout: sources, notebooks, and the git-ignored build artefacts.
/// </summary>
public sealed class RepositoryLayout
{
    /// <summary>The file that marks the repository root.</summary>
    public const string MarkerFile = "NotebookNet.sln";

    /// <summary>Uses <paramref name="root"/> as the repository root.</summary>
    /// <exception cref="DirectoryNotFoundException">When <paramref name="root"/> holds no <see cref="MarkerFile"/>.</exception>
    public RepositoryLayout(string root)
    {
        Root = Path.GetFullPath(root);
        if (!File.Exists(Path.Combine(Root, MarkerFile)))
            throw new DirectoryNotFoundException($"'{Root}' is not the NotebookNet repository root: it has no {MarkerFile}.");
    }

    /// <summary>Walks up from <paramref name="start"/> to the first folder holding <see cref="MarkerFile"/>.</summary>
    /// <exception cref="DirectoryNotFoundException">When no parent folder holds it.</exception>
    public static RepositoryLayout Find(string start)
    {
        for (var dir = new DirectoryInfo(Path.GetFullPath(start)); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, MarkerFile)))
                return new RepositoryLayout(dir.FullName);
        throw new DirectoryNotFoundException($"No {MarkerFile} in '{start}' or any folder above it; run this from inside the NotebookNet repository.");
    }

    /// <summary>The repository root (absolute).</summary>
    public string Root { get; }

    /// <summary>Build artefacts, git-ignored: <c>artifacts/</c>.</summary>
    public string Artifacts => Path.Combine(Root, "artifacts");

    /// <summary>The local NuGet feed the notebooks' kernel restores NotebookNet from: <c>artifacts/feed/</c>.</summary>
    public string Feed => Path.Combine(Artifacts, "feed");

    /// <summary>The folder given to Jupyter as JUPYTER_PATH: <c>artifacts/jupyter/</c> (kernelspecs in kernels/).</summary>
    public string JupyterPath => Path.Combine(Artifacts, "jupyter");

    /// <summary>Executed notebooks and their HTML: <c>artifacts/notebooks/</c>.</summary>
    public string ExecutedNotebooks => Path.Combine(Artifacts, "notebooks");

    /// <summary>The data sets (<c>datasets/mnist</c>): <c>datasets/</c>.</summary>
    public string Datasets => Path.Combine(Root, "datasets");

    /// <summary>The script the kernelspec starts the kernel with (see its header): it makes Jupyter's Interrupt stop training.</summary>
    public string KernelLauncher => Path.Combine(Root, "extensions", "NotebookNet.Notebooks.Execution", "kernel_launcher.py");

    /// <summary>The lecture notebooks: <c>notebooks/</c>.</summary>
    public string Notebooks => Path.Combine(Root, "notebooks");

    /// <summary>The projects packed into the local feed, in dependency order; missing ones are skipped.</summary>
    public IReadOnlyList<string> PackedProjects =>
        new[]
        {
            Path.Combine(Root, "src", "NotebookNet", "NotebookNet.csproj"),
            Path.Combine(Root, "src", "NotebookNet.Visualization", "NotebookNet.Visualization.csproj"),
            Path.Combine(Root, "src", "NotebookNet.Homework", "NotebookNet.Homework.csproj"),
            Path.Combine(Root, "src", "NotebookNet.Images", "NotebookNet.Images.csproj"),
            Path.Combine(Root, "src", "NotebookNet.Onnx", "NotebookNet.Onnx.csproj"),
            Path.Combine(Root, "extensions", "NotebookNet.Interactive", "NotebookNet.Interactive.csproj"),
        }.Where(File.Exists).ToArray();

    /// <summary>The extension project; building it builds everything the packages need.</summary>
    public string ExtensionProject => Path.Combine(Root, "extensions", "NotebookNet.Interactive", "NotebookNet.Interactive.csproj");

    /// <summary>
    /// <c>notebooks/*.ipynb</c> then <c>notebooks/solutions/*.ipynb</c>, sorted by name; with <paramref name="only"/>,
    /// those whose file name (without extension) contains it, ignoring case.
    /// </summary>
    public IReadOnlyList<string> FindNotebooks(string? only = null)
    {
        IEnumerable<string> InFolder(string folder) => Directory.Exists(folder)
            ? Directory.GetFiles(folder, "*.ipynb").Order(StringComparer.Ordinal)
            : [];
        return InFolder(Notebooks)
            .Concat(InFolder(Path.Combine(Notebooks, "solutions")))
            .Where(p => only is null || Path.GetFileNameWithoutExtension(p).Contains(only, StringComparison.OrdinalIgnoreCase))
            .ToArray();
    }
}
