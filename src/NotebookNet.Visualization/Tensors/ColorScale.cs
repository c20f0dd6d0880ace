using System.Text;
using static NotebookNet.Visualization.Internal.Format;

namespace NotebookNet.Visualization.Internal;

/// <summary>A vertical colour scale bar (SVG) with labelled limits, drawn beside images and heat maps.</summary>
internal static class ColorScale
{
    /// <summary>
    /// A standalone SVG: the bar from <paramref name="min"/> (bottom) to <paramref name="max"/> (top),
    /// labelled at both ends and at zero if zero lies strictly inside.
    /// </summary>
    public static string Svg(ColorMap map, double min, double max, double barHeight = 120, string? label = null)
    {
        const double barWidth = 14, top = 8, left = 4;
        double labelWidth = 58;
        double width = left + barWidth + labelWidth + (label is null ? 0 : 16);
        var svg = new SvgWriter(width, barHeight + 2 * top);
        svg.Raw(Gradient(map));
        svg.Rect(left, top, barWidth, barHeight, $"url(#{GradientId(map)})", Palette.MutedInk.Hex, 0.5);
        void Tick(double value)
        {
            double y = top + barHeight * (max - value) / (max - min);
            svg.Line(left + barWidth, y, left + barWidth + 4, y, Palette.MutedInk.Hex);
            svg.Text(left + barWidth + 7, y, Value(value), "start", 11, Palette.MutedInk.Hex, baseline: "middle");
        }
        if (max > min)
        {
            Tick(max);
            Tick(min);
            if (min < 0 && max > 0) Tick(0);
        }
        if (label is not null)
            svg.Text(width - 4, top + barHeight / 2, label, "middle", 11, Palette.MutedInk.Hex, rotate: -90);
        return svg.ToString();
    }

    /// <summary>Gradient id: one per map, so identical gradients in several outputs on a page do not clash.</summary>
    public static string GradientId(ColorMap map) => "nn-colormap-" + map.Name;

    /// <summary>A &lt;defs&gt; block with a bottom-to-top linear gradient through the map's anchors.</summary>
    public static string Gradient(ColorMap map)
    {
        var sb = new StringBuilder($"<defs><linearGradient id=\"{GradientId(map)}\" x1=\"0\" y1=\"1\" x2=\"0\" y2=\"0\">");
        for (int i = 0; i < map.Anchors.Count; i++)
            sb.Append($"<stop offset=\"{Coord((double)i / (map.Anchors.Count - 1))}\" stop-color=\"{map.Anchors[i].Hex}\"/>");
        return sb.Append("</linearGradient></defs>").ToString();
    }
}
