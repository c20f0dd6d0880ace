namespace NotebookNet.Interactive.Tests;

/// <summary>
/// Tests that touch process-wide state (the formatter registry, the current directory, kernels, Jupyter) run
/// one at a time in this collection.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class KernelCollection
{
    /// <summary>The collection name.</summary>
    public const string Name = "Kernel and notebooks (not parallel)";
}
