using System.Reflection;
using Microsoft.DotNet.Interactive;

namespace NotebookNet.Interactive;

/// <summary>
/// The kernel extension: the kernel runs it after <c>#r "nuget: NotebookNet.Interactive, *-*"</c>.
/// It only wires things up; what is drawn comes from the renderers.
/// </summary>
public sealed class NotebookNetKernelExtension : IKernelExtension
{
    /// <summary>
    /// Installs the FSharp.Core redirect, the formatters, live training and the cells' interruption (Cancel, and
    /// Jupyter's Interrupt when the kernel runs under the project's launcher), then prints one line saying so.
    /// </summary>
    public Task OnLoadAsync(Kernel kernel)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        FSharpCoreRedirect.Install();
        NotebookNetFormatters.Register();
        LiveTraining.Enable();
        CellInterruption.Install(kernel.RootKernel);
        string? interrupt = CellInterruption.ListenForJupyterInterrupt();
        if (KernelInvocationContext.Current is { } context)
            KernelInvocationContextExtensions.Display(context, LoadedMessage + (interrupt is null ? "" : $" {interrupt}."), "text/plain");
        return Task.CompletedTask;
    }

    /// <summary>The one line printed on load, e.g. <c>NotebookNet 0.1.0 loaded: formatters for Figure, Sequential, …; live training progress.</c></summary>
    public static string LoadedMessage =>
        $"NotebookNet {Version} loaded: formatters for {string.Join(", ", NotebookNetFormatters.TypeNames)}; live training progress.";

    /// <summary>The package version this extension was built as (without the source revision).</summary>
    public static string Version
    {
        get
        {
            string? informational = typeof(NotebookNetKernelExtension).Assembly
                .GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
            return informational?.Split('+')[0] ?? "unknown";
        }
    }
}
