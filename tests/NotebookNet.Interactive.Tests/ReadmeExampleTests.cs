using System.Text.RegularExpressions;
using Microsoft.DotNet.Interactive.Events;
using NotebookNet.Notebooks.Execution;

namespace NotebookNet.Interactive.Tests;

/// <summary>The README's opening example runs as shown: its code, run in the C# kernel, prints the README's output
/// (seconds aside, which depend on the machine).</summary>
[Collection(KernelCollection.Name)]
public sealed partial class ReadmeExampleTests
{
    [Fact]
    public async Task The_readme_example_prints_what_the_readme_shows()
    {
        var repository = RepositoryLayout.Find(AppContext.BaseDirectory);
        string readme = File.ReadAllText(Path.Combine(repository.Root, "README.md"));
        string code = CodeBlock().Match(readme).Groups[1].Value;
        string expected = OutputBlock().Match(readme).Groups[1].Value;
        Assert.False(string.IsNullOrWhiteSpace(code), "README.md has no ```csharp example");
        Assert.Contains("Total params: 34,826", expected);

        string previous = Environment.CurrentDirectory;
        Environment.CurrentDirectory = repository.Root;   // Mnist.Load finds datasets/ from here, as the README's reader does
        try
        {
            using var kernel = await TestKernel.StartAsync(loadExtension: false);
            var events = await kernel.SubmitAsync(code.Replace("using NotebookNet;\n", "using NotebookNet;\nusing System;\n"));
            var failed = events.OfType<CommandFailed>().FirstOrDefault();
            Assert.True(failed is null, $"the README example failed: {failed?.Message}");
            string printed = string.Concat(events.OfType<StandardOutputValueProduced>()
                .SelectMany(e => e.FormattedValues).Where(v => v.MimeType == "text/plain").Select(v => v.Value));
            Assert.Equal(WithoutSeconds(expected), WithoutSeconds(printed));
        }
        finally
        {
            Environment.CurrentDirectory = previous;
        }
    }

    private static string WithoutSeconds(string text) =>
        Seconds().Replace(text.Replace("\r\n", "\n"), "- ?s -").Trim();

    [GeneratedRegex("```csharp\\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex CodeBlock();

    [GeneratedRegex("<!-- readme-output -->\\n```\\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex OutputBlock();

    [GeneratedRegex(@"- [0-9.]+s -")]
    private static partial Regex Seconds();
}
