using System.Text.Json.Nodes;
using NotebookNet.Notebooks.Execution;

namespace NotebookNet.Interactive.Tests;

/// <summary>Every lecture notebook and the homework solution, executed through the real Jupyter with the pinned kernel.</summary>
[Collection(NotebookCollection.Name)]
public sealed class LectureNotebookTests(NotebookHarness harness)
{
    public static TheoryData<string> Notebooks()
    {
        var repository = RepositoryLayout.Find(AppContext.BaseDirectory);
        var data = new TheoryData<string>();
        // A homework template cannot pass as written (its TODO cells are the student's); its solution runs instead,
        // and HomeworkCheckEndToEndTests runs the template's checks on a wrong submission.
        foreach (string path in repository.FindNotebooks().Where(p => !HomeworkNotebook.IsTemplate(p)))
            data.Add(Path.GetRelativePath(repository.Notebooks, path));
        return data;
    }

    [SkippableTheory]
    [MemberData(nameof(Notebooks))]
    public async Task Each_notebook_runs_top_to_bottom_through_jupyter_and_shows_pictures(string notebook)
    {
        var run = await harness.RunAsync(Path.Combine(harness.Repository.Notebooks, notebook));

        Assert.True(run.Passed, $"{notebook}: {run.Message}");
        var outputs = TestNotebook.CodeCellOutputs(run.ExecutedNotebook!).SelectMany(o => o).ToList();
        Assert.DoesNotContain(outputs, o => (string?)o!["output_type"] == "error");
        string html = string.Concat(outputs.Select(o => TestNotebook.Data(o, "text/html")));
        bool picture = outputs.Any(o => TestNotebook.Data(o, "image/png") is not null)
            || html.Contains("data:image/png;base64,", StringComparison.Ordinal) || html.Contains("<svg", StringComparison.Ordinal);
        // 00-setup only checks the installation (a small tensor as a table, a shape); the lecture notebooks draw.
        if (!Path.GetFileName(notebook).StartsWith("00-", StringComparison.Ordinal))
            Assert.True(picture, $"{notebook} shows no picture (no image/png output, no PNG or SVG in its HTML)");
        if (Path.GetFileName(notebook).StartsWith("06-", StringComparison.Ordinal))
            Assert.Contains("plotly", html, StringComparison.OrdinalIgnoreCase);
    }
}

/// <summary>What the committed notebooks must be, checked on the files (no kernel needed).</summary>
public sealed class NotebookContentTests
{
    private static readonly RepositoryLayout Repository = RepositoryLayout.Find(AppContext.BaseDirectory);

    private static IEnumerable<(string Path, JsonNode Notebook)> All() =>
        Repository.FindNotebooks().Select(p => (p, JsonNode.Parse(File.ReadAllText(p))!));

    private static IEnumerable<JsonNode> Cells(JsonNode notebook) => notebook["cells"]!.AsArray().Select(c => c!);

    private static string Source(JsonNode cell) => cell["source"] switch
    {
        JsonArray lines => string.Concat(lines.Select(l => (string?)l)),
        JsonValue v => (string?)v ?? "",
        _ => "",
    };

    [Fact]
    public void The_lecture_has_its_eight_notebooks_and_a_homework_solution()
    {
        var names = Repository.FindNotebooks().Select(Path.GetFileNameWithoutExtension).ToList();
        foreach (string prefix in new[] { "01-", "02-", "03-", "04-", "05-", "06-", "07-", "08-", "07-homework-solution" })
            Assert.Contains(names, n => n!.StartsWith(prefix, StringComparison.Ordinal));
    }

    [Fact]
    public void Committed_notebooks_have_no_outputs()
    {
        foreach (var (path, notebook) in All())
            foreach (var cell in Cells(notebook).Where(c => (string?)c["cell_type"] == "code"))
            {
                Assert.True(cell["outputs"]!.AsArray().Count == 0, $"{Path.GetFileName(path)} has outputs committed");
                Assert.True(cell["execution_count"] is null, $"{Path.GetFileName(path)} has an execution count committed");
            }
    }

    [Fact]
    public void Code_lines_fit_the_page_of_the_html_export()
    {
        // The HTML export cuts code lines at about 100 characters (StringInfo: "×" or "→" count as one).
        var tooLong = All().SelectMany(n => Cells(n.Notebook)
                .Where(c => (string?)c["cell_type"] == "code")
                .SelectMany(c => Source(c).Split('\n'))
                .Where(l => new System.Globalization.StringInfo(l).LengthInTextElements > 100)
                .Select(l => $"{Path.GetFileName(n.Path)}: {l.Trim()}"))
            .ToList();
        Assert.True(tooLong.Count == 0, $"{tooLong.Count} code lines are longer than 100 characters:\n" + string.Join("\n", tooLong));
    }

    [Fact]
    public void Every_notebook_starts_by_loading_notebooknet_without_a_path()
    {
        foreach (var (path, notebook) in All())
        {
            var first = Cells(notebook).First(c => (string?)c["cell_type"] == "code");
            Assert.Equal(JupyterEndToEndTests.FirstCell, Source(first).Trim());
            Assert.DoesNotContain(Cells(notebook), c => Source(c).Contains("#i ", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Every_lecture_notebook_ends_with_a_check_yourself_cell()
    {
        // 00-setup only checks the installation; the homework has check cells of its own.
        foreach (var (path, notebook) in All().Where(n => !n.Path.Contains("homework", StringComparison.Ordinal)
                                                      && !Path.GetFileName(n.Path).StartsWith("00-", StringComparison.Ordinal)))
        {
            var cells = Cells(notebook).ToList();
            int heading = cells.FindLastIndex(c => Source(c).Contains("Check yourself", StringComparison.OrdinalIgnoreCase));
            Assert.True(heading >= 0, $"{Path.GetFileName(path)} has no 'check yourself' section");
            Assert.Contains(cells.Skip(heading), c => (string?)c["cell_type"] == "code" && Source(c).Contains("throw", StringComparison.Ordinal)
                || Source(c).Contains("Check", StringComparison.Ordinal) && (string?)c["cell_type"] == "code");
        }
    }

    [Theory]
    [InlineData("perceptron")]
    [InlineData("gradient descent")]
    [InlineData("multi-layer perceptron")]
    [InlineData("LocallyConnected2D")]
    [InlineData("shared weights")]
    [InlineData("invariance")]
    [InlineData("stride")]
    [InlineData("max pooling")]
    [InlineData("receive gradient")]   // the 6.25 % is computed in 05, never typed
    [InlineData("speciali")]
    [InlineData("Deep Dream")]
    [InlineData("MNIST")]
    [InlineData("new Sequential(")]
    [InlineData(".Add(")]
    [InlineData(".Compile(")]
    [InlineData("batchSize:")]
    [InlineData("learningRate:")]
    [InlineData(".Predict")]
    [InlineData("homework")]
    public void Every_topic_of_the_lecture_recap_appears_in_some_notebook(string topic)
    {
        bool found = All().Any(n => Cells(n.Notebook).Any(c => Source(c).Contains(topic, StringComparison.OrdinalIgnoreCase)));
        Assert.True(found, $"no notebook mentions '{topic}'");
    }
}
