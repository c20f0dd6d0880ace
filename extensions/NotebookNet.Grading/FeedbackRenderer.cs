using System.Globalization;
using System.Net;
using System.Text;

namespace NotebookNet.Grading;

/// <summary>A student's feedback from their result: plain text, and an HTML page with what the checks drew.</summary>
public static class FeedbackRenderer
{
    /// <summary>The verdict, the reasons, each check with points and message, and the errors of the student's cells.</summary>
    public static string Text(SubmissionResult r)
    {
        var text = new StringBuilder();
        text.AppendLine($"{r.Student} ({r.File}): {SubmissionResult.Word(r.Verdict).ToUpperInvariant()}, {Points(r.Total)} of {Points(r.MaxTotal)} points");
        foreach (string reason in r.Reasons) text.AppendLine("  " + reason);
        text.AppendLine();
        foreach (var c in r.Checks)
            text.AppendLine($"{Status(c.Status),-7} {c.Name} ({Points(c.Points)}/{Points(c.MaxPoints)}): {c.Message}");
        if (r.StudentCellErrors.Count > 0)
        {
            text.AppendLine();
            text.AppendLine("Errors in your cells:");
            foreach (string e in r.StudentCellErrors) text.AppendLine("  " + e.Split('\n')[0]);
        }
        if (r.KernelFeedback.Length > 0)
        {
            text.AppendLine();
            text.AppendLine("What the official check cells printed in your notebook (for your information; the grade above was measured by the grader):");
            foreach (string line in r.KernelFeedback.Split('\n')) text.AppendLine("  " + line.TrimEnd('\r'));
        }
        return text.ToString();
    }

    /// <summary>The same as an HTML page, with the pictures of the hidden checks and of the notebook's check cells.</summary>
    public static string Html(SubmissionResult r)
    {
        var html = new StringBuilder();
        html.Append($"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>{E(r.Student)}: {E(SubmissionResult.Word(r.Verdict))}</title>");
        html.Append("<style>body{font-family:sans-serif;max-width:60em;margin:2em auto}td,th{padding:.3em .6em;text-align:left;vertical-align:top}" +
            ".pass{color:#176f2c}.fail{color:#b00020}.notrun{color:#777}pre{white-space:pre-wrap}td pre{margin:0}</style></head><body>");
        html.Append($"<h1>{E(r.Student)}: <span class=\"{Css(r.Verdict == Verdict.Pass ? CheckStatus.Pass : CheckStatus.Fail)}\">{E(SubmissionResult.Word(r.Verdict))}</span>, " +
            $"{Points(r.Total)} of {Points(r.MaxTotal)} points</h1><p>{E(r.File)}</p>");
        if (r.Reasons.Count > 0) html.Append("<ul>").Append(string.Concat(r.Reasons.Select(x => $"<li>{E(x)}</li>"))).Append("</ul>");
        html.Append("<table><tr><th>check</th><th>result</th><th>points</th><th>what was found</th></tr>");
        foreach (var c in r.Checks)
            html.Append($"<tr><td>{E(c.Name)}</td><td class=\"{Css(c.Status)}\">{Status(c.Status)}</td><td>{Points(c.Points)}/{Points(c.MaxPoints)}</td><td><pre>{E(c.Message)}</pre></td></tr>");
        html.Append("</table>");
        foreach (var c in r.Checks.Where(c => c.Html is not null))
            html.Append($"<h2>{E(c.Name)}</h2>{c.Html}");
        if (r.StudentCellErrors.Count > 0)
            html.Append("<h2>Errors in your cells</h2><ul>").Append(string.Concat(r.StudentCellErrors.Select(x => $"<li><pre>{E(x)}</pre></li>"))).Append("</ul>");
        if (r.KernelFeedback.Length > 0 || r.KernelPictures.Count > 0)
        {
            html.Append("<h2>Your notebook's check cells</h2><p>For your information: printed in your own kernel; the grade above was measured by the grader.</p>");
            html.Append($"<pre>{E(r.KernelFeedback)}</pre>");
            // Drawn in the student's kernel: shown in a sandboxed frame without scripts, so it cannot act on this page.
            foreach (string picture in r.KernelPictures)
                html.Append($"<iframe sandbox style=\"width:100%;height:24em;border:1px solid #ddd\" srcdoc=\"{E(picture)}\"></iframe>");
        }
        return html.Append("</body></html>").ToString();
    }

    private static string Status(CheckStatus s) => s switch { CheckStatus.Pass => "PASS", CheckStatus.Fail => "FAIL", _ => "NOT RUN" };

    private static string Css(CheckStatus s) => s switch { CheckStatus.Pass => "pass", CheckStatus.Fail => "fail", _ => "notrun" };

    private static string Points(double p) => p.ToString("0.##", CultureInfo.InvariantCulture);

    private static string E(string s) => WebUtility.HtmlEncode(s);
}
