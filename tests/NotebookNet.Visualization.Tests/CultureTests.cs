using System.Globalization;
using NotebookNet.Training;

namespace NotebookNet.Visualization.Tests;

/// <summary>A notebook may run under any culture; figures must not turn 0.5 into "0,5" or 34,826 into "34.826".</summary>
public sealed class CultureTests
{
    [Fact]
    public void Output_is_the_same_under_a_culture_with_a_decimal_comma()
    {
        var epochs = new[]
        {
            new EpochLogs(1, 0.5, new Dictionary<string, double> { ["accuracy"] = 0.75 }, 0.625, new Dictionary<string, double>(), TimeSpan.FromSeconds(1), 10),
            new EpochLogs(2, 0.25, new Dictionary<string, double> { ["accuracy"] = 0.875 }, 0.375, new Dictionary<string, double>(), TimeSpan.FromSeconds(1), 10),
        };
        string Render() =>
            ModelSummaryRenderer.ToHtml(ModelSummaryRendererTests.KerasConvnet()) +
            TrainingCharts.LossSvg(epochs) +
            PlotlyHtml.ToJson(TrainingCharts.Loss(epochs)) +
            LossSurface.ToSvg((x, y) => x * x + y * y, [(0.5, 0.5), (0.25, 0.25)], (-1, 1), (-1, 1)) +
            TensorImage.DivergingHtml(new Tensor([-0.5f, 0.5f], 1, 2), scale: 30, showValues: true);

        Assert.Equal(",", CultureInfo.GetCultureInfo("de-DE").NumberFormat.NumberDecimalSeparator);   // the test means something
        var saved = CultureInfo.CurrentCulture;
        string invariant, german;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
            invariant = Render();
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
            german = Render();
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }

        Assert.Equal(invariant, german);
        Assert.Contains("34,826", german);
    }
}
