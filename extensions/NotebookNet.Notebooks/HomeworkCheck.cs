using System.Text.Json.Nodes;
using NotebookNet.Grading;
using NotebookNet.Notebooks.Execution;

namespace NotebookNet.Notebooks;

/// <summary>
/// <c>check-homework FILE</c>: a student checks their own homework with the grader's checks. Their notebook runs
/// through Jupyter with the official check cells of the template appended (the cells tagged "check" in a notebook
/// of <c>notebooks/</c>); the grader then loads the model file the last check cell hands in and measures it in its own
/// process on MNIST's test set, as <c>grade</c> does. Prints the feedback; exit code 0 on PASS, 1 otherwise, 2 for
/// bad input. The packages are rebuilt only when their sources changed.
/// </summary>
/// <remarks>
/// No sandbox: it is the student's own code on the student's own machine (the teacher's <c>grade</c> sandboxes it).
/// The cgroup limits still apply where the user may create cgroups.
/// </remarks>
internal static class HomeworkCheck
{
    public static async Task<int> RunAsync(string notebookPath, RepositoryLayout repository)
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
        if (Pick(templates, notebookPath) is not { } templatePath)
        {
            Console.Error.WriteLine($"check-homework: cannot tell which homework '{Path.GetFileName(notebookPath)}' is; name the file after one of: " +
                string.Join(", ", templates.Select(t => Path.GetFileNameWithoutExtension(t))) + ".");
            return 2;
        }
        if (await JupyterTools.WhyUnavailableAsync() is { } noJupyter)
        {
            Console.Error.WriteLine($"check-homework needs Jupyter ({noJupyter}). Install it with:  {JupyterTools.InstallCommand}");
            return 2;
        }

        string name = Path.GetFileNameWithoutExtension(notebookPath);
        string output = Path.Combine(repository.Artifacts, "homework", name);
        GradingContext context;
        try
        {
            var request = new GradingRequest(templatePath, null, output, null, null, SandboxLimits.Default, Isolate: false, []);
            context = await GradingSetup.CreateAsync(repository, request, _ => { });
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            Console.Error.WriteLine(e.Message);
            return 2;
        }
        Console.WriteLine($"Checking {notebookPath} with the {context.CheckCellCount} official checks of {Path.GetRelativePath(repository.Root, templatePath)} ...");
        var folder = Path.Combine(output, "submission");
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        Directory.CreateDirectory(folder);
        File.Copy(notebookPath, Path.Combine(folder, Path.GetFileName(notebookPath)));
        var result = (await BatchGrader.RunAsync(context, folder, jobs: 1, _ => { })).Single();
        Console.WriteLine(FeedbackRenderer.Text(result).TrimEnd());
        Console.WriteLine($"Feedback with pictures: {Path.GetRelativePath(repository.Root, Path.Combine(context.Feedback, result.Student + ".html"))} ({result.Seconds:0.0} s)");
        return result.Verdict == Verdict.Pass ? 0 : 1;
    }

    private static List<string> Templates(RepositoryLayout repository) =>
        Directory.Exists(repository.Notebooks)
            ? Directory.GetFiles(repository.Notebooks, "*.ipynb").Order(StringComparer.Ordinal)
                .Where(p => HomeworkNotebook.CheckCells(JsonNode.Parse(File.ReadAllText(p))!).Count > 0)
                .ToList()
            : [];

    // One homework: that one. Several: the one whose name the student's file name contains (e.g. "07-homework").
    private static string? Pick(List<string> templates, string studentPath)
    {
        if (templates.Count == 1) return templates[0];
        string student = Path.GetFileNameWithoutExtension(studentPath);
        var match = templates.Where(t => student.Contains(Path.GetFileNameWithoutExtension(t), StringComparison.OrdinalIgnoreCase)).ToList();
        return match.Count == 1 ? match[0] : null;
    }
}
