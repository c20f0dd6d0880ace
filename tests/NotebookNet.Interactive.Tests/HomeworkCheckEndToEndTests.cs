using System.Text.Json.Nodes;
using NotebookNet.Notebooks.Execution;

namespace NotebookNet.Interactive.Tests;

/// <summary>check-homework's path through the real Jupyter: a wrong submission with the template's official checks appended.</summary>
[Collection(NotebookCollection.Name)]
public sealed class HomeworkCheckEndToEndTests(NotebookHarness harness)
{
    [SkippableFact]
    public async Task A_one_stage_submission_fails_the_official_checks_with_the_helpful_message()
    {
        harness.RequireJupyter();
        var template = JsonNode.Parse(File.ReadAllText(harness.LectureNotebook("07-homework")))!;
        var student = template.DeepClone();
        var todo = student["cells"]!.AsArray().Single(c => Source(c).Contains("// TODO: add at least two", StringComparison.Ordinal))!;
        todo["source"] = """
            var model = new Sequential(new Shape(28, 28, 1), name: "my_cnn");
            model.Add(new Conv2D(8, 3, activation: "relu"));
            model.Add(new MaxPooling2D(2));
            model.Add(new Flatten());
            model.Add(new Dense(10, activation: "softmax"));
            """;
        string path = Path.Combine(harness.NewScratchFolder(), "one-stage.ipynb");
        File.WriteAllText(path, HomeworkNotebook.Combine(student, template).ToJsonString());

        var run = await harness.RunAsync(path, allowErrors: true);

        Assert.True(run.ExecutedNotebook is not null, run.Message);
        var grade = HomeworkNotebook.Grade(JsonNode.Parse(File.ReadAllText(run.ExecutedNotebook!))!, HomeworkNotebook.CheckCells(template).Count);
        Assert.False(grade.Passed);
        // The hand-in cell (check 3) fails too: an uncompiled model cannot be saved.
        Assert.Equal([CheckOutcome.Failed, CheckOutcome.Failed, CheckOutcome.Failed], grade.Checks.Select(c => c.Outcome));
        Assert.Contains("Found 1 Conv2D→MaxPooling2D stage (conv2d → max_pooling2d); the task asks for at least 2. " +
            "Add another Conv2D followed by MaxPooling2D before Flatten.", grade.Checks[0].Output);
        Assert.Contains("The model is not compiled", grade.Checks[1].Output);
        Assert.Contains(grade.StudentErrors, e => e.FirstLine.StartsWith("int[] predicted", StringComparison.Ordinal));
    }

    private static string Source(JsonNode? cell) => cell?["source"] switch
    {
        JsonArray lines => string.Concat(lines.Select(l => (string?)l)),
        JsonValue v => (string?)v ?? "",
        _ => "",
    };
}
