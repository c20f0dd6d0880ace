using System.Text;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.CSharp;
using Microsoft.DotNet.Interactive.Events;
using Microsoft.DotNet.Interactive.Formatting;
using NotebookNet.Homework;
using NotebookNet.Interactive;
using NotebookNet.Notebooks.Execution;
using NotebookNet.Visualization;

namespace NotebookNet.Grading;

/// <summary>
/// Runs the teacher's hidden checks in a C# kernel inside the grader's own process, where no student code has ever
/// run: <c>model</c> is the model loaded from the student's file, <c>test</c> the teacher's test set. A check passes
/// when its cell raises no error; what it prints and draws (through the NotebookNet formatters) is its feedback.
/// </summary>
internal static class HiddenCheckRunner
{
    // Formatters are process-wide, and one kernel at a time keeps the checks' CPU use predictable.
    private static readonly SemaphoreSlim OneAtATime = new(1, 1);

    private const string Usings = """
        using NotebookNet;
        using NotebookNet.Data;
        using NotebookNet.Homework;
        using NotebookNet.Layers;
        using NotebookNet.Visualization;
        """;

    public static async Task<IReadOnlyList<(HiddenCheck Check, bool Passed, string Text, string Html)>> RunAsync(
        IReadOnlyList<HiddenCheck> checks, Sequential model, GradingTestSet test, TimeSpan timeout)
    {
        if (checks.Count == 0) return [];
        await OneAtATime.WaitAsync();
        try
        {
            using var kernel = InProcessKernel.Create();
            var csharp = (CSharpKernel)kernel.ChildKernels.Single();
            csharp.AddAssemblyReferences([typeof(Sequential).Assembly.Location, typeof(GradingTestSet).Assembly.Location,
                typeof(Show).Assembly.Location, typeof(NotebookNetKernelExtension).Assembly.Location]);
            await new NotebookNetKernelExtension().OnLoadAsync(kernel);
            await csharp.SetValueAsync("model", model, typeof(Sequential));
            await csharp.SetValueAsync("test", test, typeof(GradingTestSet));
            var setup = await kernel.SendAsync(new SubmitCode(Usings));
            if (setup.Events.OfType<CommandFailed>().FirstOrDefault() is { } failed)
                throw new InvalidOperationException($"The hidden checks' kernel did not start: {failed.Message}");
            var results = new List<(HiddenCheck, bool, string, string)>();
            foreach (var check in checks) results.Add(await RunOne(kernel, check, timeout));
            return results;
        }
        finally
        {
            OneAtATime.Release();
        }
    }

    private static async Task<(HiddenCheck, bool, string, string)> RunOne(Kernel kernel, HiddenCheck check, TimeSpan timeout)
    {
        var text = new StringBuilder();
        var html = new StringBuilder();
        string? error = null;
        void OnEvent(KernelEvent e)
        {
            lock (text)
            {
                switch (e)
                {
                    case ErrorProduced err: error ??= err.Message; break; // an ErrorProduced is a DisplayEvent too
                    case StandardOutputValueProduced o: text.Append(Value(o.FormattedValues, "text/plain")); break;
                    case DisplayEvent d when Value(d.FormattedValues, "text/html") is { Length: > 0 } h: html.Append(h); break;
                    case DisplayEvent d: text.AppendLine(Value(d.FormattedValues, "text/plain")); break;
                    case CommandFailed f when f.Command is SubmitCode: error ??= f.Message; break;
                }
            }
        }
        using var subscription = kernel.KernelEvents.Subscribe(OnEvent);
        var run = kernel.SendAsync(new SubmitCode(check.Source));
        if (await Task.WhenAny(run, Task.Delay(timeout)) != run)
        {
            await kernel.SendAsync(new Cancel());
            error = $"The hidden check took longer than {timeout.TotalSeconds:0} s.";
        }
        else await run;
        lock (text)
        {
            if (error is not null) text.AppendLine(FirstLines(error));
            return (check, error is null, text.ToString().Trim(), html.ToString());
        }
    }

    private static string Value(IReadOnlyCollection<FormattedValue> values, string mime) =>
        values.FirstOrDefault(v => v.MimeType == mime)?.Value ?? "";

    // The error without the script's stack trace.
    private static string FirstLines(string error) => string.Join('\n', error.Split('\n')
        .Where(l => !l.TrimStart().StartsWith("at ", StringComparison.Ordinal)).Take(4)).Trim();
}
