using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.CSharp;
using Microsoft.DotNet.Interactive.Events;
using Microsoft.DotNet.Interactive.Formatting;
using NotebookNet.Notebooks.Execution;

namespace NotebookNet.Interactive.Tests;

/// <summary>
/// An in-process kernel with NotebookNet, the extension and this test assembly referenced, the extension loaded,
/// and formatters reset on dispose.
/// </summary>
public sealed class TestKernel : IDisposable
{
    private TestKernel(CompositeKernel kernel) => Kernel = kernel;

    /// <summary>The composite kernel (C# by default).</summary>
    public CompositeKernel Kernel { get; }

    /// <summary>Creates the kernel and loads the extension as the kernel tool would after a restore.</summary>
    public static async Task<TestKernel> StartAsync(bool loadExtension = true)
    {
        Formatter.ResetToDefault();
        var kernel = InProcessKernel.Create();
        var csharp = (CSharpKernel)kernel.ChildKernels.Single(k => k is CSharpKernel);
        csharp.AddAssemblyReferences([
            typeof(Tensor).Assembly.Location,
            typeof(NotebookNetKernelExtension).Assembly.Location,
            typeof(NotebookNet.Visualization.Figure).Assembly.Location,
            typeof(TestKernel).Assembly.Location,
        ]);
        if (loadExtension) await new NotebookNetKernelExtension().OnLoadAsync(kernel);
        return new TestKernel(kernel);
    }

    /// <summary>Runs one cell and returns every event it produced.</summary>
    public async Task<IReadOnlyList<KernelEvent>> SubmitAsync(string code)
    {
        var result = await Kernel.SendAsync(new SubmitCode(code));
        return result.Events;
    }

    /// <summary>The value of the given mime type in the cell's return value; fails if there is none.</summary>
    public static string ReturnValue(IReadOnlyList<KernelEvent> events, string mimeType) =>
        Assert.Single(ReturnedMimeTypes(events), v => v.MimeType == mimeType).Value;

    /// <summary>Every formatted value of the cell's return value; fails if the cell failed or returned nothing.</summary>
    public static IReadOnlyCollection<FormattedValue> ReturnedMimeTypes(IReadOnlyList<KernelEvent> events)
    {
        var failed = events.OfType<CommandFailed>().FirstOrDefault();
        Assert.True(failed is null, $"the cell failed: {failed?.Message}");
        return Assert.Single(events.OfType<ReturnValueProduced>()).FormattedValues;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        Kernel.Dispose();
        Formatter.ResetToDefault();
    }
}
