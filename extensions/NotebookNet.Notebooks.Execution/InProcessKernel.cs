using System.Reflection;
using System.Runtime.Loader;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.CSharp;
using Microsoft.DotNet.Interactive.PackageManagement;

namespace NotebookNet.Notebooks.Execution;

/// <summary>
/// A C# kernel hosted in this process, set up like the notebook kernel for what the lecture needs:
/// kernel helpers (display), value sharing, and <c>#r "nuget: ..."</c> that also runs the package's kernel extensions.
/// </summary>
public static class InProcessKernel
{
    /// <summary>A new <c>CompositeKernel { CSharpKernel }</c> with C# as default.</summary>
    public static CompositeKernel Create()
    {
        var csharp = new CSharpKernel().UseKernelHelpers().UseValueSharing();
        csharp.UseNugetDirective(async (kernel, packages) =>
        {
            kernel.AddAssemblyReferences(packages.SelectMany(p => p.AssemblyPaths));
            await LoadExtensionsAsync(kernel.RootKernel, packages);
        });
        var composite = new CompositeKernel { csharp };
        composite.DefaultKernelName = csharp.Name;
        return composite;
    }

    /// <summary>
    /// Runs every public <see cref="IKernelExtension"/> found in the packages' <c>interactive-extensions/dotnet/</c>
    /// folders, as the kernel tool does after a restore (that loader ships in no package).
    /// </summary>
    public static async Task LoadExtensionsAsync(Kernel kernel, IEnumerable<ResolvedPackageReference> packages)
    {
        foreach (var package in packages)
        {
            string folder = Path.Combine(package.PackageRoot, "interactive-extensions", "dotnet");
            if (!Directory.Exists(folder)) continue;
            foreach (string dll in Directory.GetFiles(folder, "*.dll"))
                foreach (var extension in ExtensionsIn(Load(dll, package)))
                    await extension.OnLoadAsync(kernel);
        }
    }

    /// <summary>Public, creatable <see cref="IKernelExtension"/> types of <paramref name="assembly"/>, instantiated.</summary>
    public static IEnumerable<IKernelExtension> ExtensionsIn(Assembly assembly) =>
        assembly.ExportedTypes
            .Where(t => t is { IsAbstract: false, IsInterface: false, IsGenericTypeDefinition: false } && typeof(IKernelExtension).IsAssignableFrom(t))
            .Select(t => (IKernelExtension)Activator.CreateInstance(t)!);

    // The same dll usually also sits in the package's lib/ folder, which the script loads; one copy keeps one set of statics.
    private static Assembly Load(string extensionDll, ResolvedPackageReference package)
    {
        string fileName = Path.GetFileName(extensionDll);
        string path = package.AssemblyPaths.FirstOrDefault(p => Path.GetFileName(p) == fileName) ?? extensionDll;
        var name = AssemblyName.GetAssemblyName(path);
        return AppDomain.CurrentDomain.GetAssemblies().FirstOrDefault(a => AssemblyName.ReferenceMatchesDefinition(name, a.GetName()) && a.GetName().Version == name.Version)
            ?? AssemblyLoadContext.Default.LoadFromAssemblyPath(path);
    }
}
