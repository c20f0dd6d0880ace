using System.Text.Json;
using System.Text.Json.Nodes;

namespace NotebookNet.Grading.Tests;

/// <summary>Homework submissions written for the tests: the template with its TODO cells filled in, in different ways.</summary>
internal static class Submissions
{
    private static string TemplatePath(string root) => Path.Combine(root, "notebooks", "07-homework.ipynb");

    private static string SolutionPath(string root) => Path.Combine(root, "notebooks", "solutions", "07-homework-solution.ipynb");

    public const string OneStage = """
        var model = new Sequential(new Shape(28, 28, 1), name: "my_cnn");
        model.Add(new Conv2D(8, 3, activation: "relu"));
        model.Add(new MaxPooling2D(2));
        model.Add(new Flatten());
        model.Add(new Dense(10, activation: "softmax"));
        """;

    public const string CompileOnly = "model.Compile(new Adam(), Loss.CategoricalCrossEntropy, Metric.Accuracy);";

    /// <summary>The reference solution as a student would hand it in.</summary>
    public static string Good(string root) => File.ReadAllText(SolutionPath(root));

    /// <summary>The template with the model cell, the training cell and extra cells (after training) replaced.</summary>
    public static string Filled(string root, string model, string train, params string[] extraCells)
    {
        var notebook = JsonNode.Parse(File.ReadAllText(TemplatePath(root)))!;
        var cells = notebook["cells"]!.AsArray();
        Cell(cells, "// TODO: add at least two")["source"] = model;
        var training = Cell(cells, "// TODO: compile, then train");
        training["source"] = train;
        int at = cells.IndexOf(training) + 1;
        foreach (string extra in extraCells.Reverse())
            cells.Insert(at, new JsonObject { ["cell_type"] = "code", ["execution_count"] = null, ["metadata"] = new JsonObject(), ["outputs"] = new JsonArray(), ["source"] = extra });
        return notebook.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    /// <summary>The template with a check cell's source replaced.</summary>
    public static string WithCheckEdited(string root, string model, string train, string checkStart, string newSource)
    {
        var notebook = JsonNode.Parse(Filled(root, model, train))!;
        Cell(notebook["cells"]!.AsArray(), checkStart)["source"] = newSource;
        return notebook.ToJsonString();
    }

    private static JsonNode Cell(JsonArray cells, string start) =>
        cells.Single(c => Source(c).TrimStart().StartsWith(start, StringComparison.Ordinal))!;

    private static string Source(JsonNode? cell) => cell?["source"] switch
    {
        JsonArray lines => string.Concat(lines.Select(l => (string?)l)),
        JsonValue v => (string?)v ?? "",
        _ => "",
    };
}
