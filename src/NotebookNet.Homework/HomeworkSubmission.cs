using System.Security.Cryptography;

namespace NotebookNet.Homework;

/// <summary>
/// How a homework notebook hands its trained model to the grader: the official last check cell calls
/// <see cref="Save"/>, which writes the whole model (architecture and weights) where the grader asked, in the
/// checksummed model-file format. The grader then loads that file in its own process, without running any student
/// code, and measures it on its own test set.
/// </summary>
/// <example><code>
/// HomeworkSubmission.Save(model);   // the official check cell "Check 3: hand in the model"
/// </code></example>
public static class HomeworkSubmission
{
    /// <summary>The environment variable in which the grader names the model file to write.</summary>
    public const string ModelPathVariable = "NOTEBOOKNET_HOMEWORK_MODEL";

    /// <summary>The start of the line <see cref="Save"/> prints; the SHA-256 follows it.</summary>
    public const string SavedLine = "Model handed in for grading, SHA-256 ";

    /// <summary>
    /// Saves <paramref name="model"/> to the path in <see cref="ModelPathVariable"/> (outside a grading run: a file in
    /// the temporary folder), prints where and the file's SHA-256, and returns the path.
    /// </summary>
    /// <exception cref="InvalidOperationException">The model is not compiled (so it cannot have been trained).</exception>
    public static string Save(Sequential model)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (!model.IsCompiled)
            throw new InvalidOperationException($"Sequential '{model.Name}' is not compiled, so it cannot have been trained: call model.Compile(...) and model.Fit(...) first.");
        string path = ModelPath();
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        model.Save(path, includeOptimizer: false);
        string sha = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));
        Console.WriteLine($"{model.Name}: {model.ParameterCount:N0} parameters saved to {path}.");
        Console.WriteLine(SavedLine + sha);
        return path;
    }

    /// <summary>Where <see cref="Save"/> writes: <see cref="ModelPathVariable"/> if set, else
    /// <c>&lt;temp&gt;/notebooknet-homework/homework.nbm</c>.</summary>
    public static string ModelPath() =>
        Environment.GetEnvironmentVariable(ModelPathVariable) is { Length: > 0 } path
            ? Path.GetFullPath(path)
            : Path.Combine(Path.GetTempPath(), "notebooknet-homework", "homework.nbm");
}
