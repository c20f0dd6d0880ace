using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using NotebookNet.Benchmarks;

// Reference points of this machine for NotebookNet's kernels, the kernels at layer shapes, then the lecture's models.
BenchmarkOptions options;
try
{
    options = BenchmarkOptions.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine();
    Console.Error.WriteLine(BenchmarkOptions.Usage);
    return 2;
}
if (options.Help)
{
    Console.WriteLine(BenchmarkOptions.Usage);
    return 0;
}
if (options.Child is { } child)
{
    ChildProcess.Serve(options, child);
    return 0;
}
var total = Stopwatch.StartNew();

Console.WriteLine($"NotebookNet benchmarks{(options.Quick ? " (quick)" : "")}: median of {options.Repetitions} after warm-up; min and max show the noise.");
Console.WriteLine($"{RuntimeInformation.FrameworkDescription}, {RuntimeInformation.OSDescription}, {Environment.ProcessorCount} logical CPUs");
Console.WriteLine($"SIMD: FMA={Fma.IsSupported}, AVX2={Avx2.IsSupported}, Vector256 accelerated={Vector256.IsHardwareAccelerated}, " +
    $"AVX-512F={Avx512F.IsSupported}, Vector512 accelerated={Vector512.IsHardwareAccelerated}");
if (!Fma.IsSupported || !Vector256.IsHardwareAccelerated)
{
    Console.WriteLine("This CPU has no AVX2/FMA: the fast kernels would run their scalar fallback; nothing to measure here.");
    return 0;
}
Console.WriteLine();

Console.WriteLine("Machine reference points");
var reference = new ReferencePoints(options).Run();
Console.WriteLine(reference);

if (options.Profiles.Length > 0)
{
    foreach (var (model, batch) in options.Profiles)
    foreach (int threads in options.ThreadCounts)
        Console.WriteLine(new LayerProfile(options, reference.Peaks).Run(Models.Find(model), batch, threads));
    return 0;
}

Console.WriteLine("Routines at layer shapes (MNIST CNN and MLP, batch 32)");
Console.WriteLine(new LayerShapes(options, reference.Peaks).Run());

if (options.ModelNames.Length > 0)
{
    Console.WriteLine($"Models on MNIST (load average before: {LoadAverage.Read()})");
    Console.WriteLine(new ModelBenchmarks(options, reference.Peaks).Run());
    Console.WriteLine($"Load average after: {LoadAverage.Read()}");
}

if (!options.Quick)
{
    Console.WriteLine("Where a training step's time goes (each layer timed on its own, random MNIST-shaped data, Adam)");
    foreach (var model in Models.All.Where(m => options.ModelNames.Contains(m.Name)))
        Console.WriteLine(new LayerProfile(options, reference.Peaks).Run(model, batch: 128, options.ThreadCounts.Max()));
}
Console.WriteLine($"Total {total.Elapsed.TotalSeconds:0.0} s. Timings on a shared machine are noisy: compare medians, read min/max as the spread.");
return 0;
