using System.Globalization;

namespace NotebookNet.Visualization.Internal;

/// <summary>"Nice" axis ticks: steps of 1, 2 or 5 × 10^k, as a person would draw them.</summary>
internal static class Ticks
{
    /// <summary>About <paramref name="target"/> tick values covering [min, max], and the step between them.</summary>
    public static (double[] Values, double Step) Nice(double min, double max, int target = 5)
    {
        if (!double.IsFinite(min) || !double.IsFinite(max))
            throw new ArgumentException($"Axis limits must be finite; received [{min}, {max}].");
        if (max < min) (min, max) = (max, min);
        if (max == min)
        {
            double pad = min == 0 ? 1 : Math.Abs(min) * 0.1;
            min -= pad;
            max += pad;
        }
        double step = NiceStep((max - min) / Math.Max(1, target));
        double first = Math.Ceiling(min / step - 1e-9) * step;
        var values = new List<double>();
        for (double v = first; v <= max + step * 1e-9; v += step)
            values.Add(Math.Abs(v) < step * 1e-9 ? 0 : v);
        return (values.ToArray(), step);
    }

    /// <summary>The label of a tick at a given step: as many decimals as the step needs.</summary>
    public static string Label(double value, double step)
    {
        int decimals = Math.Max(0, (int)Math.Ceiling(-Math.Log10(step) - 1e-9));
        if (Math.Abs(value) >= 1e5 || (value != 0 && decimals > 5))
            return value.ToString("0.#e+0", CultureInfo.InvariantCulture);
        return value.ToString("N" + decimals, CultureInfo.InvariantCulture);
    }

    private static double NiceStep(double rough)
    {
        double exp = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        double f = rough / exp;
        double nice = f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10;
        return nice * exp;
    }
}
