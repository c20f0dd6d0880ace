using System.Security.Cryptography;
using NotebookNet.Homework;

namespace NotebookNet.Grading;

/// <summary>
/// The grader's own checks of a handed-in model file, in the grader's process: the file must be a well-formed,
/// untampered model file; then the homework's criteria are measured on the teacher's test set.
/// Loading a model file runs no code from it (layer types come from the library's closed table).
/// </summary>
internal static class ModelChecks
{
    /// <summary>The check on the file itself.</summary>
    public const string ModelFile = "model file";

    /// <summary>Gradebook names of <see cref="MultiConvHomework"/>'s criteria, in order.</summary>
    public static IReadOnlyList<(string Name, string Criterion)> Criteria { get; } =
    [
        ("stages", MultiConvHomework.StagesCriterion),
        ("head", MultiConvHomework.HeadCriterion),
        ("budget", MultiConvHomework.BudgetCriterion),
        ("accuracy", MultiConvHomework.AccuracyCriterion),
    ];

    /// <summary>Every built-in check name, in gradebook order.</summary>
    public static IReadOnlyList<string> Names { get; } = [ModelFile, .. Criteria.Select(c => c.Name)];

    /// <summary>Largest model file accepted: ten times what the parameter budget needs.</summary>
    public const long MaxFileBytes = MultiConvHomework.ParameterBudget * 4 * 10 + (1 << 20);

    /// <summary>What was found: the checks (points not yet given), the model if it loaded, why it was refused.</summary>
    public sealed record Outcome(IReadOnlyList<(string Name, bool? Passed, string Message)> Checks, Sequential? Model, string? ModelSha256, string? Tampered);

    /// <summary>
    /// Checks the model file at <paramref name="grader"/> (the grader's private copy, taken after the run ended);
    /// <paramref name="savedSha256"/> is the hash the save cell printed, if any.
    /// </summary>
    public static Outcome Run(string? grader, string? savedSha256, string whyMissing, GradingTestSet test)
    {
        if (grader is null || !File.Exists(grader))
            return Missing($"No model file was handed in: {whyMissing}");
        long size = new FileInfo(grader).Length;
        if (size > MaxFileBytes)
            return Missing($"The model file has {size:N0} bytes, more than a model within the budget can need ({MaxFileBytes:N0}).");
        string sha = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(grader)));
        if (savedSha256 is not null && savedSha256 != sha)
            return Refused($"The model file changed after the notebook saved it (SHA-256 {Short(savedSha256)} when saved, {Short(sha)} when the run ended).", sha);
        Sequential model;
        try
        {
            model = Sequential.Load(grader);
        }
        catch (InvalidDataException e)
        {
            return Refused($"The model file is damaged or forged: {e.Message}", sha);
        }
        var report = MultiConvHomework.CheckModel(model, test);
        var checks = new List<(string, bool?, string)> { (ModelFile, true, $"A valid model file ({size:N0} bytes, SHA-256 {Short(sha)}), measured by the grader on {test}.") };
        checks.AddRange(Criteria.Select(c => (c.Name, (bool?)report[c.Criterion].Passed, report[c.Criterion].Message)));
        return new Outcome(checks, model, sha, null);
    }

    private static Outcome Missing(string message) =>
        new([(ModelFile, false, message), .. Criteria.Select(c => (c.Name, (bool?)null, "Not run: there is no model to measure."))], null, null, null);

    private static Outcome Refused(string message, string sha) =>
        new([(ModelFile, false, message), .. Criteria.Select(c => (c.Name, (bool?)null, "Not run: the model file was refused."))], null, sha, message);

    private static string Short(string sha) => sha[..12] + "…";
}
