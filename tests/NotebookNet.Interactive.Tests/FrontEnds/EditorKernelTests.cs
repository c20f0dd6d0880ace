using System.Text.Json.Nodes;
using NotebookNet.Notebooks.Execution;

namespace NotebookNet.Interactive.Tests.FrontEnds;

/// <summary>
/// The notebooks in a kernel started as VS Code's Polyglot Notebooks starts it (stdio, in the notebook's folder, a
/// clean environment): the first cell restores from the local feed through notebooks/NuGet.Config.
/// </summary>
[Collection(NotebookCollection.Name)]
public sealed class EditorKernelTests(NotebookHarness harness)
{
    private static string Driver => Path.Combine(AppContext.BaseDirectory, "FrontEnds", "stdio_notebooks.py");

    private static async Task<JsonArray> RunAsync(string workingFolder, IEnumerable<string> notebooks, TimeSpan timeout)
    {
        string report = Path.Combine(Directory.CreateTempSubdirectory("notebooknet-stdio-").FullName, "report.json");
        var run = await ProcessRunner.RunAsync(JupyterTools.FindPython(), [Driver, report, .. notebooks], workingFolder, timeout);
        Assert.True(File.Exists(report), run.Tail(40));
        var result = JsonNode.Parse(File.ReadAllText(report))!.AsArray();
        Directory.Delete(Path.GetDirectoryName(report)!, recursive: true);
        return result;
    }

    [SkippableFact]
    public async Task Every_lecture_notebook_and_the_homework_solution_run_cell_by_cell_in_the_editors_stdio_kernel()
    {
        harness.RequireJupyter();   // packs NotebookNet; the editor's kernel restores the newest version from the feed
        var feed = new LocalFeed(harness.Repository.Feed);
        foreach (string package in Directory.GetFiles(harness.Feed, $"*{harness.PackedVersion}.nupkg"))
            File.Copy(package, Path.Combine(feed.Folder, Path.GetFileName(package)), overwrite: true);
        var notebooks = harness.Repository.FindNotebooks().Where(n => !HomeworkNotebook.IsTemplate(n)).ToArray();

        var results = await RunAsync(harness.Repository.Root, notebooks, TimeSpan.FromMinutes(20));

        Assert.Equal(notebooks.Length, results.Count);
        foreach (var result in results)
            Assert.True(result!["failed"]!.AsArray().Count == 0, $"{result["notebook"]}: {result["failed"]!.ToJsonString()}");
    }

    [SkippableFact]
    public async Task Before_command_1_the_first_cell_fails_with_a_message_that_says_what_to_run()
    {
        harness.RequireJupyter();
        // A fresh clone: the committed files only, the feed folder holding just its README.
        string clone = Directory.CreateTempSubdirectory("notebooknet-clone-").FullName;
        try
        {
            foreach (string file in new[] { Path.Combine(".config", "dotnet-tools.json"), Path.Combine("notebooks", "NuGet.Config"), Path.Combine("artifacts", "feed", "README.md") })
            {
                Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(clone, file))!);
                File.Copy(Path.Combine(harness.Repository.Root, file), Path.Combine(clone, file));
            }
            string notebook = TestNotebook.Write(Path.Combine(clone, "notebooks", "00-first.ipynb"), JupyterEndToEndTests.FirstCell);

            var result = Assert.Single(await RunAsync(clone, [notebook], TimeSpan.FromMinutes(5)));

            string message = result!["failed"]![0]!["message"]!.GetValue<string>();
            Assert.Contains("NU1101", message);                                            // not found, rather than NU1301 (missing source)
            Assert.Contains("NotebookNet-local-feed-artifacts-feed-is-empty-until-you-run-README-command-1", message);
        }
        finally
        {
            Directory.Delete(clone, recursive: true);
        }
    }
}
