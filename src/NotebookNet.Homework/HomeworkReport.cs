using System.Text;

namespace NotebookNet.Homework;

/// <summary>The outcome of one homework criterion: its name, pass or fail, and a message that says what was found
/// and, when it failed, what to change.</summary>
/// <param name="Name">Short name of the criterion, e.g. "Conv2D → MaxPooling2D stages".</param>
/// <param name="Passed">Whether the submission meets it.</param>
/// <param name="Message">What was found, and on failure what to do next.</param>
public sealed record HomeworkCriterion(string Name, bool Passed, string Message)
{
    /// <inheritdoc/>
    public override string ToString() => $"{(Passed ? "PASS" : "FAIL")}  {Name}: {Message}";
}

/// <summary>
/// Every criterion of one homework check, in order. <see cref="Passed"/> only when all pass.
/// Plain data: a notebook prints it (<see cref="ToString"/>) and calls <see cref="ThrowIfFailed"/> so a failing
/// check cell stops with the same text.
/// </summary>
public sealed class HomeworkReport
{
    /// <summary>Creates a report for <paramref name="task"/> from its criteria (at least one).</summary>
    public HomeworkReport(string task, IReadOnlyList<HomeworkCriterion> criteria)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(task);
        ArgumentNullException.ThrowIfNull(criteria);
        if (criteria.Count == 0) throw new ArgumentException($"Homework report '{task}': a report needs at least one criterion.", nameof(criteria));
        Task = task;
        Criteria = criteria;
    }

    /// <summary>The homework's title.</summary>
    public string Task { get; }

    /// <summary>Each criterion's outcome, in the order they were checked.</summary>
    public IReadOnlyList<HomeworkCriterion> Criteria { get; }

    /// <summary>True when every criterion passed.</summary>
    public bool Passed => Criteria.All(c => c.Passed);

    /// <summary>The criteria that failed.</summary>
    public IReadOnlyList<HomeworkCriterion> Failures => Criteria.Where(c => !c.Passed).ToList();

    /// <summary>The criterion called <paramref name="name"/>.</summary>
    public HomeworkCriterion this[string name] =>
        Criteria.FirstOrDefault(c => c.Name == name) ?? throw new KeyNotFoundException(
            $"Homework report '{Task}' has no criterion '{name}'; it has: {string.Join(", ", Criteria.Select(c => c.Name))}.");

    /// <summary>Throws a <see cref="HomeworkCheckFailedException"/> listing the failed criteria, if any failed.</summary>
    public void ThrowIfFailed()
    {
        if (!Passed) throw new HomeworkCheckFailedException(this);
    }

    /// <summary>One line per criterion, then a verdict line.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        text.AppendLine(Task);
        foreach (var c in Criteria) text.AppendLine(c.ToString());
        int failed = Failures.Count;
        text.Append(failed == 0 ? $"All {Criteria.Count} criteria pass." : $"{failed} of {Criteria.Count} criteria fail.");
        return text.ToString();
    }
}

/// <summary>Thrown by <see cref="HomeworkReport.ThrowIfFailed"/>; the message lists each failed criterion and its advice.</summary>
public sealed class HomeworkCheckFailedException : Exception
{
    /// <summary>Creates the exception for a report that did not pass.</summary>
    public HomeworkCheckFailedException(HomeworkReport report)
        : base(Describe(report)) => Report = report;

    /// <summary>The whole report, passed criteria included.</summary>
    public HomeworkReport Report { get; }

    private static string Describe(HomeworkReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var failures = report.Failures;
        return $"{report.Task}: {failures.Count} of {report.Criteria.Count} criteria fail." + Environment.NewLine +
            string.Join(Environment.NewLine, failures.Select(f => $"- {f.Name}: {f.Message}"));
    }
}
