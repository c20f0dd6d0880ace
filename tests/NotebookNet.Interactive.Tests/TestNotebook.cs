using System.Text.Json.Nodes;
using NotebookNet.Notebooks.Execution;

namespace NotebookNet.Interactive.Tests;

/// <summary>Writes small .ipynb files for tests and reads back executed ones.</summary>
public static class TestNotebook
{
    /// <summary>Writes a C# notebook (nbformat 4.5) whose cells are code, or markdown when they start with "# ".</summary>
    public static string Write(string path, params string[] cells)
    {
        var array = new JsonArray();
        int n = 0;
        foreach (string cell in cells)
        {
            bool markdown = cell.StartsWith("# ", StringComparison.Ordinal);
            var node = new JsonObject
            {
                ["cell_type"] = markdown ? "markdown" : "code",
                ["id"] = $"cell-{++n}",
                ["metadata"] = new JsonObject(),
                ["source"] = cell,
            };
            if (!markdown)
            {
                node["execution_count"] = null;
                node["outputs"] = new JsonArray();
            }
            array.Add(node);
        }
        var notebook = new JsonObject
        {
            ["cells"] = array,
            ["metadata"] = new JsonObject
            {
                ["kernelspec"] = new JsonObject { ["display_name"] = KernelSpec.DisplayName, ["language"] = "C#", ["name"] = KernelSpec.Name },
                ["language_info"] = new JsonObject { ["name"] = "C#" },
            },
            ["nbformat"] = 4,
            ["nbformat_minor"] = 5,
        };
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, notebook.ToJsonString());
        return path;
    }

    /// <summary>The outputs of every code cell of a saved notebook, in order.</summary>
    public static IReadOnlyList<JsonArray> CodeCellOutputs(string path)
    {
        var notebook = JsonNode.Parse(File.ReadAllText(path))!;
        return notebook["cells"]!.AsArray()
            .Where(c => (string?)c!["cell_type"] == "code")
            .Select(c => c!["outputs"]!.AsArray())
            .ToArray();
    }

    /// <summary>The value of <paramref name="mimeType"/> in an output's data (Jupyter may store it as a list of lines).</summary>
    public static string? Data(JsonNode? output, string mimeType) => output?["data"]?[mimeType] switch
    {
        JsonArray lines => string.Concat(lines.Select(l => (string?)l)),
        JsonValue value => (string?)value,
        _ => null,
    };

    /// <summary>The text of a stream output (stdout/stderr).</summary>
    public static string? StreamText(JsonNode? output) => output?["text"] switch
    {
        JsonArray lines => string.Concat(lines.Select(l => (string?)l)),
        JsonValue value => (string?)value,
        _ => null,
    };
}
