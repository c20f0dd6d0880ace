using System.Reflection;
using System.Runtime.Loader;

namespace NotebookNet.Interactive.Tests;

public sealed class FSharpCoreRedirectTests
{
    [Fact]
    public void A_request_for_a_newer_fsharp_core_gets_the_one_already_loaded()
    {
        // The kernel libraries bring FSharp.Core (its NuGet dependency manager is written in F#).
        var loaded = typeof(Microsoft.FSharp.Core.Unit).Assembly;

        var answer = FSharpCoreRedirect.Resolve(AssemblyLoadContext.Default, new AssemblyName("FSharp.Core, Version=99.1.0.0"));

        Assert.Same(loaded, answer);
    }

    [Fact]
    public void Requests_for_other_assemblies_are_left_alone()
    {
        Assert.Null(FSharpCoreRedirect.Resolve(AssemblyLoadContext.Default, new AssemblyName("Plotly.NET, Version=6.0.0.0")));
    }
}
