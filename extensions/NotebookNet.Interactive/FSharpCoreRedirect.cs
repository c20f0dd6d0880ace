using System.Reflection;
using System.Runtime.Loader;

namespace NotebookNet.Interactive;

/// <summary>
/// Answers requests for a newer FSharp.Core with the FSharp.Core the kernel already loaded.
/// </summary>
/// <remarks>
/// Plotly.NET 6.0.0 is compiled against FSharp.Core 10.1.0.0 while the pinned kernel ships 10.0.0.0; the default
/// load context refuses to load a second FSharp.Core, so without this handler every chart fails with
/// FileNotFoundException. The API Plotly.NET uses exists in both versions.
/// </remarks>
internal static class FSharpCoreRedirect
{
    private static int _installed;

    /// <summary>Registers the handler once per process (extensions can be loaded more than once).</summary>
    public static void Install()
    {
        if (Interlocked.Exchange(ref _installed, 1) == 1) return;
        AssemblyLoadContext.Default.Resolving += Resolve;
    }

    internal static Assembly? Resolve(AssemblyLoadContext context, AssemblyName requested)
    {
        if (requested.Name != "FSharp.Core") return null;
        return AppDomain.CurrentDomain.GetAssemblies()
            .FirstOrDefault(a => a.GetName().Name == "FSharp.Core");
    }
}
