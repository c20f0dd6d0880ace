using System.Text.Json;
using System.Text.Json.Nodes;

namespace NotebookNet.Grading;

/// <summary>One hidden check: a C# cell from the teacher's folder, run by the grader against the loaded model.</summary>
/// <param name="Name">From its first line, <c>// Hidden check: NAME</c>.</param>
/// <param name="Source">The cell's code. It sees <c>model</c> (the student's model, loaded from its file) and
/// <c>test</c> (the teacher's test set); it passes when it raises no error.</param>
public sealed record HiddenCheck(string Name, string Source);

/// <summary>
/// The teacher's folder: hidden checks (code cells of its <c>*.ipynb</c> notebooks, in file then cell order) and
/// <c>points.json</c>, the points of every check by name (<c>{ "stages": 2, "accuracy": 4, "every digit": 1 }</c>;
/// a check it does not name is worth 1).
/// </summary>
/// <param name="Folder">The folder, or null when there is none (no hidden checks, 1 point per check).</param>
/// <param name="Checks">The hidden checks.</param>
/// <param name="Points">Points by check name.</param>
public sealed record TeacherChecks(string? Folder, IReadOnlyList<HiddenCheck> Checks, IReadOnlyDictionary<string, double> Points)
{
    /// <summary>The file of points per check.</summary>
    public const string PointsFile = "points.json";

    /// <summary>The first-line prefix that names a hidden check.</summary>
    public const string NamePrefix = "// Hidden check:";

    /// <summary>No folder: no hidden checks.</summary>
    public static TeacherChecks None { get; } = new(null, [], new Dictionary<string, double>());

    /// <summary>Points for <paramref name="check"/>.</summary>
    public double PointsFor(string check) => Points.TryGetValue(check, out double p) ? p : 1;

    /// <summary>Reads <paramref name="folder"/>; every problem is an <see cref="ArgumentException"/> naming the file.</summary>
    public static TeacherChecks Read(string folder)
    {
        if (!Directory.Exists(folder)) throw new ArgumentException($"--hidden: no folder '{folder}'.");
        var checks = new List<HiddenCheck>();
        foreach (string file in Directory.GetFiles(folder, "*.ipynb").Order(StringComparer.Ordinal))
        {
            var cells = Parse(file)["cells"] as JsonArray ?? throw new ArgumentException($"Hidden checks '{file}' is not a notebook: it has no \"cells\".");
            foreach (var cell in cells.Where(c => (string?)c?["cell_type"] == "code"))
            {
                string source = cell!["source"] is JsonArray lines ? string.Concat(lines.Select(l => (string?)l)) : (string?)cell["source"] ?? "";
                if (source.Trim().Length == 0) continue;
                string first = source.TrimStart().Split('\n')[0].Trim();
                if (!first.StartsWith(NamePrefix, StringComparison.Ordinal))
                    throw new ArgumentException($"Hidden checks '{file}': a code cell starts with '{first}'; each must start with '{NamePrefix} NAME'.");
                string name = first[NamePrefix.Length..].Trim();
                if (checks.Any(c => c.Name == name)) throw new ArgumentException($"Hidden checks '{file}': two checks are named '{name}'.");
                checks.Add(new HiddenCheck(name, source));
            }
        }
        var points = new Dictionary<string, double>();
        string pointsPath = Path.Combine(folder, PointsFile);
        if (File.Exists(pointsPath))
            foreach (var (name, value) in Parse(pointsPath).AsObject())
                points[name] = value is JsonValue v && v.TryGetValue(out double p) && p >= 0
                    ? p : throw new ArgumentException($"'{pointsPath}': the points of '{name}' must be a number ≥ 0; received {value?.ToJsonString() ?? "null"}.");
        return new TeacherChecks(Path.GetFullPath(folder), checks, points);
    }

    private static JsonNode Parse(string file)
    {
        try
        {
            return JsonNode.Parse(File.ReadAllText(file)) ?? throw new ArgumentException($"'{file}' is empty.");
        }
        catch (JsonException e)
        {
            throw new ArgumentException($"'{file}' is not valid JSON: {e.Message}");
        }
    }
}
