using System.Text.Json;
using System.Text.Json.Nodes;
using NotebookNet.Notebooks.Execution;

namespace NotebookNet.Notebooks;

/// <summary>
/// <c>check-homework FILE</c>: runs a student's notebook followed by the official check cells of the homework
/// template (the cells tagged "check" in a notebook of <c>notebooks/</c>), in the same kernel, and prints each
/// check's verdict and report. Exit code 0 when everything passes, 1 when something fails, 2 for bad input.
/// </summary>
/// <remarks>
/// The student's own check cells are replaced by the official ones, so editing them changes nothing. The combined
/// notebook is written under <c>artifacts/homework/</c> (inside the repository, where the kernel finds its tool
/// manifest and the MNIST files) and executed there.
/// </remarks>
internal static class HomeworkCheck
{
    public static async Task<int> RunAsync(string notebookPath, RepositoryLayout repository, Func<string, string, Task<NotebookRun>> runner)
    {
        if (!File.Exists(notebookPath))
        {
            Console.Error.WriteLine($"check-homework: no notebook at '{Path.GetFullPath(notebookPath)}'.");
            return 2;
        }
        var templates = Templates(repository);
        if (templates.Count == 0)
        {
            Console.Error.WriteLine($"check-homework: no notebook in {repository.Notebooks} has cells tagged \"{HomeworkNotebook.CheckTag}\", so there is no homework to check against.");
            return 2;
        }
        if (Pick(templates, notebookPath) is not var (templatePath, template))
        {
            Console.Error.WriteLine($"check-homework: cannot tell which homework '{Path.GetFileName(notebookPath)}' is; name the file after one of: " +
                string.Join(", ", templates.Select(t => Path.GetFileNameWithoutExtension(t.Path))) + ".");
            return 2;
        }
        JsonNode student;
        try
        {
            student = JsonNode.Parse(File.ReadAllText(notebookPath)) ?? throw new JsonException("the file is empty");
        }
        catch (JsonException e)
        {
            Console.Error.WriteLine($"check-homework: '{notebookPath}' is not a notebook (invalid JSON: {e.Message}).");
            return 2;
        }

        var combined = HomeworkNotebook.Combine(student, template);
        int checks = HomeworkNotebook.CheckCells(template).Count;
        string name = Path.GetFileNameWithoutExtension(notebookPath);
        string folder = Path.Combine(repository.Artifacts, "homework", name);
        Directory.CreateDirectory(folder);
        string combinedPath = Path.Combine(folder, name + ".ipynb");
        File.WriteAllText(combinedPath, combined.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        Console.WriteLine($"Checking {notebookPath} with the {checks} official checks of {Path.GetRelativePath(repository.Root, templatePath)} ...");

        var run = await runner(combinedPath, Path.Combine(folder, "executed"));
        if (run.ExecutedNotebook is null || !File.Exists(run.ExecutedNotebook))
        {
            Console.WriteLine($"FAIL: the notebook could not be run:\n{run.Message}");
            return 1;
        }
        var grade = HomeworkNotebook.Grade(JsonNode.Parse(File.ReadAllText(run.ExecutedNotebook))!, checks);
        Console.WriteLine(grade);
        Console.WriteLine($"Executed copy: {Path.GetRelativePath(repository.Root, run.ExecutedNotebook)} ({run.Elapsed.TotalSeconds:0.0} s)");
        return grade.Passed ? 0 : 1;
    }

    private static List<(string Path, JsonNode Notebook)> Templates(RepositoryLayout repository) =>
        Directory.Exists(repository.Notebooks)
            ? Directory.GetFiles(repository.Notebooks, "*.ipynb").Order(StringComparer.Ordinal)
                .Select(p => (Path: p, Notebook: JsonNode.Parse(File.ReadAllText(p))!))
                .Where(t => HomeworkNotebook.CheckCells(t.Notebook).Count > 0)
                .ToList()
            : [];

    // One homework: that one. Several: the one whose name the student's file name contains (e.g. "07-homework").
    private static (string Path, JsonNode Notebook)? Pick(List<(string Path, JsonNode Notebook)> templates, string studentPath)
    {
        if (templates.Count == 1) return templates[0];
        string student = Path.GetFileNameWithoutExtension(studentPath);
        var match = templates.Where(t => student.Contains(Path.GetFileNameWithoutExtension(t.Path), StringComparison.OrdinalIgnoreCase)).ToList();
        return match.Count == 1 ? match[0] : null;
    }
}
