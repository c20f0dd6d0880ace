using System.Text.Json.Nodes;
using NotebookNet.Notebooks.Execution;

namespace NotebookNet.Grading.Tests;

public sealed class IntegrityTests
{
    private static readonly string Root = RepositoryLayout.Find(AppContext.BaseDirectory).Root;
    private static readonly JsonNode Template = JsonNode.Parse(File.ReadAllText(Path.Combine(Root, "notebooks", "07-homework.ipynb")))!;

    private static IReadOnlyList<string> Findings(string notebook) => Integrity.Findings(JsonNode.Parse(notebook)!, Template);

    [Fact]
    public void The_reference_solution_and_an_honest_wrong_answer_have_no_finding()
    {
        Assert.Empty(Findings(Submissions.Good(Root)));
        Assert.Empty(Findings(Submissions.Filled(Root, Submissions.OneStage, Submissions.CompileOnly)));
    }

    [Fact]
    public void An_edited_check_cell_is_found_and_named()
    {
        var findings = Findings(Submissions.WithCheckEdited(Root, Submissions.OneStage, "", "// Check 1:", "// Check 1: the architecture\nConsole.WriteLine(\"PASS\");"));

        Assert.Equal(["Official check 1 (Check 1: the architecture (official check, do not edit)) is missing or was edited; check cells must stay as the template has them.",
            "Cell 11 is tagged \"check\" but is not one of the template's check cells."], findings);
    }

    [Fact]
    public void A_deleted_check_cell_is_found()
    {
        var notebook = JsonNode.Parse(Submissions.Filled(Root, Submissions.OneStage, ""))!;
        var cells = notebook["cells"]!.AsArray();
        cells.Remove(cells.Last(c => HomeworkNotebook.IsCheckCell(c)));

        var findings = Integrity.Findings(notebook, Template);

        Assert.Equal(["Official check 3 (Check 3: hand in the model for grading (official check, do not edit)) is missing or was edited; check cells must stay as the template has them."], findings);
    }

    [Theory]
    [InlineData("static class MultiConvHomework { }", "Cell 10 defines class MultiConvHomework, a type of the checker.")]
    [InlineData("record HomeworkReport(string Task);", "Cell 10 defines record HomeworkReport, a type of the checker.")]
    [InlineData("using HomeworkSubmission = System.Object;", "Cell 10 makes HomeworkSubmission an alias (using HomeworkSubmission = ...), replacing a type of the checker.")]
    [InlineData("namespace NotebookNet.Homework { class Helper { } }", "Cell 10 declares namespace NotebookNet.Homework, the checker's namespace.")]
    public void Code_that_replaces_the_checker_is_found(string code, string finding)
    {
        Assert.Equal([finding], Findings(Submissions.Filled(Root, code + "\n" + Submissions.OneStage, "")));
    }

    [Fact]
    public void Line_endings_and_trailing_spaces_added_by_an_editor_are_not_edits()
    {
        var notebook = JsonNode.Parse(Submissions.Filled(Root, Submissions.OneStage, ""))!;
        foreach (var cell in notebook["cells"]!.AsArray().Where(HomeworkNotebook.IsCheckCell))
        {
            string source = cell!["source"] is JsonArray lines ? string.Concat(lines.Select(l => (string?)l)) : (string)cell["source"]!;
            cell["source"] = source.Replace("\n", "  \r\n") + "\r\n";
        }

        Assert.Empty(Integrity.Findings(notebook, Template));
    }
}
