using System.Diagnostics;

namespace NotebookNet.Tests;

/// <summary>
/// Runs this test assembly again as a new process (<c>dotnet NotebookNet.Tests.dll command args</c>), for tests that
/// must see what a fresh process sees: a model file loaded with nothing of the saving process in memory.
/// </summary>
public static class ChildProcess
{
    /// <summary>The commands a child can run.</summary>
    public static int Main(string[] args)
    {
        switch (args)
        {
            case ["predict", var model, var input, var output]:
                // A model file and raw float32 inputs [N, ...] in; the raw float32 predictions out.
                var loaded = Sequential.Load(model);
                var x = RawTensor.Read(input, loaded.InputShape);
                RawTensor.Write(output, loaded.Predict(x));
                return 0;
            default:
                Console.Error.WriteLine("usage: NotebookNet.Tests predict <model.nbm> <input.f32> <output.f32>");
                return 2;
        }
    }

    /// <summary>Runs the child with <paramref name="args"/>; fails with its output unless it exits with 0.</summary>
    public static void Run(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true };
        start.ArgumentList.Add(typeof(ChildProcess).Assembly.Location);
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("The child process did not finish within 60 s.");
        }
        Assert.True(process.ExitCode == 0, $"child exited with {process.ExitCode}: {stdout.Result}{stderr.Result}");
    }
}

/// <summary>A tensor's values as raw little-endian float32, its shape given by the reader.</summary>
internal static class RawTensor
{
    public static void Write(string path, Tensor t) =>
        File.WriteAllBytes(path, System.Runtime.InteropServices.MemoryMarshal.AsBytes(t.Data.AsSpan()).ToArray());

    public static Tensor Read(string path, Shape sample)
    {
        var values = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(File.ReadAllBytes(path)).ToArray();
        return new Tensor(values, sample.WithBatch(values.Length / sample.Size));
    }
}
