using System.Text.Json.Nodes;
using NotebookNet.Notebooks.Execution;

namespace NotebookNet.Interactive.Tests;

public sealed class HomeworkNotebookTests
{
    private static JsonObject Cell(string type, string source, params string[] tags)
    {
        var cell = new JsonObject { ["cell_type"] = type, ["metadata"] = new JsonObject(), ["source"] = source };
        if (tags.Length > 0) cell["metadata"]!["tags"] = new JsonArray(tags.Select(t => (JsonNode)t!).ToArray());
        if (type == "code")
        {
            cell["execution_count"] = null;
            cell["outputs"] = new JsonArray();
        }
        return cell;
    }

    private static JsonObject Notebook(params JsonObject[] cells) => new()
    {
        ["cells"] = new JsonArray(cells.Select(c => (JsonNode)c).ToArray()),
        ["metadata"] = new JsonObject { ["kernelspec"] = new JsonObject { ["name"] = ".net-csharp" } },
        ["nbformat"] = 4,
        ["nbformat_minor"] = 5,
    };

    private static JsonObject Template() => Notebook(
        Cell("markdown", "# Homework"),
        Cell("code", "var model = 0; // TODO"),
        Cell("code", "// Check 1: the architecture\nCheckArchitecture(model);", "check"),
        Cell("code", "// Check 2: the accuracy\nCheck(model);", "check", "other-tag"));

    private static JsonObject Executed(params JsonArray[] outputs)
    {
        var cells = outputs.Select((o, i) =>
        {
            var cell = Cell("code", i == 0 ? "var model = Build();" : $"// Check {i}: number {i}\nCheck{i}();");
            cell["outputs"] = o;
            cell["execution_count"] = o.Count > 0 ? i + 1 : null;
            return cell;
        }).ToArray();
        return Notebook(cells);
    }

    private static JsonObject Stream(string text) => new() { ["output_type"] = "stream", ["name"] = "stdout", ["text"] = new JsonArray(text) };

    private static JsonObject Error(string name, string value) =>
        new() { ["output_type"] = "error", ["ename"] = name, ["evalue"] = value, ["traceback"] = new JsonArray() };

    [Fact]
    public void Check_cells_are_the_code_cells_tagged_check_in_order()
    {
        var checks = HomeworkNotebook.CheckCells(Template());

        Assert.Equal(["// Check 1: the architecture\nCheckArchitecture(model);", "// Check 2: the accuracy\nCheck(model);"],
            checks.Select(c => (string?)c["source"]));
    }

    [Fact]
    public void Combining_drops_the_students_check_cells_and_appends_fresh_official_ones()
    {
        var student = Notebook(
            Cell("code", "var model = Build();"),
            Cell("code", "// Check 1: edited by the student\nConsole.WriteLine(\"all good\");", "check"),
            Cell("code", "Train(model);"));
        student["cells"]![1]!["outputs"] = new JsonArray(Stream("stale output"));
        var template = Template();
        template["cells"]![2]!["outputs"] = new JsonArray(Stream("template output"));

        var combined = HomeworkNotebook.Combine(student, template);

        var cells = combined["cells"]!.AsArray();
        Assert.Equal(["var model = Build();", "Train(model);", "// Check 1: the architecture\nCheckArchitecture(model);", "// Check 2: the accuracy\nCheck(model);"],
            cells.Select(c => (string?)c!["source"]));
        Assert.Equal(["official-check-1", "official-check-2"], cells.Skip(2).Select(c => (string?)c!["id"]));
        Assert.All(cells.Skip(2), c => Assert.Empty(c!["outputs"]!.AsArray()));
        Assert.Equal(".net-csharp", (string?)combined["metadata"]!["kernelspec"]!["name"]);
        Assert.Single(template["cells"]![2]!["outputs"]!.AsArray());   // the template itself is untouched
    }

    [Fact]
    public void A_template_without_check_cells_cannot_be_used()
    {
        var e = Assert.Throws<ArgumentException>(() => HomeworkNotebook.Combine(Notebook(), Notebook(Cell("code", "var x = 1;"))));
        Assert.Contains("no code cell tagged \"check\"", e.Message);
    }

    [Fact]
    public void A_file_without_cells_is_named_as_not_a_notebook()
    {
        var e = Assert.Throws<ArgumentException>(() => HomeworkNotebook.Combine(new JsonObject { ["foo"] = 1 }, Template()));
        Assert.Contains("student notebook is not an nbformat 4 notebook", e.Message);
    }

    [Fact]
    public void Checks_that_ran_without_error_pass_and_keep_what_they_printed()
    {
        var executed = Executed(
            new JsonArray(Stream("trained\n")),
            new JsonArray(Stream("PASS  stages\nAll 3 criteria pass.\n")),
            new JsonArray(Stream("PASS  accuracy\n")));

        var grade = HomeworkNotebook.Grade(executed, checkCount: 2);

        Assert.True(grade.Passed);
        Assert.Empty(grade.StudentErrors);
        Assert.Equal([CheckOutcome.Passed, CheckOutcome.Passed], grade.Checks.Select(c => c.Outcome));
        Assert.Equal("Check 1: number 1", grade.Checks[0].Title);
        Assert.Equal("PASS  stages\nAll 3 criteria pass.", grade.Checks[0].Output);
        Assert.EndsWith("PASS: 2 of 2 checks pass.", grade.ToString());
    }

    [Fact]
    public void A_check_that_raised_fails_with_its_report_and_error_and_later_unrun_checks_are_named()
    {
        var executed = Executed(
            new JsonArray(Stream("trained\n")),
            new JsonArray(Stream("FAIL  stages: Found 1 stage\n"), Error("HomeworkCheckFailedException", "1 of 3 criteria fail.\n- stages: Found 1 stage\n   at Check()\n--- End of stack trace from previous location ---")),
            new JsonArray());

        var grade = HomeworkNotebook.Grade(executed, checkCount: 2);

        Assert.False(grade.Passed);
        Assert.Equal([CheckOutcome.Failed, CheckOutcome.NotRun], grade.Checks.Select(c => c.Outcome));
        Assert.StartsWith("HomeworkCheckFailedException: 1 of 3 criteria fail.", grade.Checks[0].Error);
        string report = grade.ToString();
        Assert.Contains("    HomeworkCheckFailedException: 1 of 3 criteria fail." + Environment.NewLine + "Check 2 of 2", report);   // the report was printed: only the error's first line
        Assert.DoesNotContain("at Check()", report);
        Assert.Contains("Check 1 of 2, Check 1: number 1: FAIL", report);
        Assert.Contains("    FAIL  stages: Found 1 stage", report);
        Assert.Contains("Check 2 of 2, Check 2: number 2: NOT RUN", report);
        Assert.EndsWith("FAIL: 0 of 2 checks pass.", report);
    }

    [Fact]
    public void A_check_that_printed_nothing_shows_its_whole_error_without_the_stack_trace()
    {
        var executed = Executed(
            new JsonArray(Stream("trained\n")),
            new JsonArray(Error("Error", "(2,52): error CS0103: The name 'model' does not exist\nin the current context\n   at Submission#9")));

        string report = HomeworkNotebook.Grade(executed, checkCount: 1).ToString();

        Assert.Contains("    Error: (2,52): error CS0103: The name 'model' does not exist" + Environment.NewLine + "    in the current context" + Environment.NewLine, report);
        Assert.DoesNotContain("Submission#9", report);
    }

    [Fact]
    public void An_error_in_a_student_cell_fails_the_homework_even_when_the_checks_pass()
    {
        var executed = Executed(
            new JsonArray(Error("Error", "(1,5): error CS0103: The name 'Build' does not exist")),
            new JsonArray(Stream("PASS\n")));

        var grade = HomeworkNotebook.Grade(executed, checkCount: 1);

        Assert.False(grade.Passed);
        var error = Assert.Single(grade.StudentErrors);
        Assert.Equal(1, error.Cell);
        Assert.Equal("var model = Build();", error.FirstLine);
        Assert.Contains("Your cell 1 (var model = Build();) failed: Error: (1,5): error CS0103", grade.ToString());
        Assert.EndsWith("FAIL: 1 of 1 checks pass; 1 of your cells failed (the notebook must run from top to bottom).", grade.ToString());
    }

    [Fact]
    public void The_lecture_homework_template_has_three_check_cells_that_call_the_library_checks_and_hand_in_the_model()
    {
        var repository = RepositoryLayout.Find(AppContext.BaseDirectory);
        var template = JsonNode.Parse(File.ReadAllText(Path.Combine(repository.Notebooks, "07-homework.ipynb")))!;
        var solution = JsonNode.Parse(File.ReadAllText(Path.Combine(repository.Notebooks, "solutions", "07-homework-solution.ipynb")))!;

        var checks = HomeworkNotebook.CheckCells(template);

        Assert.Equal(3, checks.Count);
        Assert.Contains("MultiConvHomework.CheckArchitecture(model)", Flatten(checks[0]["source"]));
        Assert.Contains("MultiConvHomework.Check(model, Mnist.Load().Test)", Flatten(checks[1]["source"]));
        Assert.Contains("HomeworkSubmission.Save(model)", Flatten(checks[2]["source"]));
        Assert.Equal(checks.Select(c => Flatten(c["source"])), HomeworkNotebook.CheckCells(solution).Select(c => Flatten(c["source"])));
    }

    private static string Flatten(JsonNode? source) => source switch
    {
        JsonArray lines => string.Concat(lines.Select(l => (string?)l)),
        _ => (string?)source ?? "",
    };
}
