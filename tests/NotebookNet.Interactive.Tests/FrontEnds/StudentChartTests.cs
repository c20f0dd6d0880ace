namespace NotebookNet.Interactive.Tests.FrontEnds;

/// <summary>A Plotly.NET chart that a student builds in a cell, in the real kernel.</summary>
[Collection(NotebookCollection.Name)]
public sealed class StudentChartTests(NotebookHarness harness)
{
    [SkippableFact]
    public async Task A_plotly_chart_returned_from_a_cell_renders_as_a_chart_not_an_object_tree()
    {
        harness.RequireJupyter();
        string notebook = TestNotebook.Write(Path.Combine(harness.NewScratchFolder(), "chart.ipynb"),
            JupyterEndToEndTests.FirstCell,
            "Plotly.NET.CSharp.Chart.Line<int, int, string>(x: new[] { 1, 2, 3 }, y: new[] { 1, 4, 9 }, Name: \"squares\")");

        var run = await harness.RunAsync(notebook);

        Assert.True(run.Passed, run.Message);
        var outputs = TestNotebook.CodeCellOutputs(run.ExecutedNotebook!);
        Assert.DoesNotContain(outputs[0], o => (TestNotebook.Data(o, "text/plain") ?? "").Contains("Exception", StringComparison.Ordinal));
        string? html = TestNotebook.Data(Assert.Single(outputs[1], o => (string?)o!["output_type"] == "execute_result"), "text/html");
        Assert.Contains("Plotly.newPlot", html);
        Assert.Contains("\"squares\"", html);
        Assert.DoesNotContain("<table", html);   // the object tree the kernel shows without Plotly's formatter
    }
}
