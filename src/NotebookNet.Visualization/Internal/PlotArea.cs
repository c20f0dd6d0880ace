namespace NotebookNet.Visualization.Internal;

/// <summary>A rectangle of the SVG mapped to data coordinates (y up), with labelled axes around it.</summary>
internal sealed record PlotArea(double Left, double Top, double Width, double Height, double XMin, double XMax, double YMin, double YMax)
{
    public double Px(double x) => Left + (x - XMin) / (XMax - XMin) * Width;

    public double Py(double y) => Top + (YMax - y) / (YMax - YMin) * Height;

    /// <summary>Data x of the centre of pixel column <paramref name="i"/> of an image of <paramref name="pixels"/> columns.</summary>
    public double XAt(int i, int pixels) => XMin + (i + 0.5) / pixels * (XMax - XMin);

    /// <summary>Data y of the centre of pixel row <paramref name="j"/> (row 0 at the top).</summary>
    public double YAt(int j, int pixels) => YMax - (j + 0.5) / pixels * (YMax - YMin);

    /// <summary>Frame, outward ticks with nice labels on both axes, and the axis titles.</summary>
    public void DrawAxes(SvgWriter svg, string xTitle, string yTitle)
    {
        svg.Rect(Left, Top, Width, Height, "none", Palette.MutedInk.Hex, 1);
        var (xs, xStep) = Ticks.Nice(XMin, XMax, 5);
        foreach (double t in xs)
        {
            svg.Line(Px(t), Top + Height, Px(t), Top + Height + 4, Palette.MutedInk.Hex);
            svg.Text(Px(t), Top + Height + 16, Ticks.Label(t, xStep), "middle", 11, Palette.MutedInk.Hex);
        }
        var (ys, yStep) = Ticks.Nice(YMin, YMax, 5);
        foreach (double t in ys)
        {
            svg.Line(Left - 4, Py(t), Left, Py(t), Palette.MutedInk.Hex);
            svg.Text(Left - 7, Py(t), Ticks.Label(t, yStep), "end", 11, Palette.MutedInk.Hex, baseline: "middle");
        }
        svg.Text(Left + Width / 2, Top + Height + 36, xTitle, "middle", 13, Palette.Ink.Hex);
        svg.Text(Left - 44, Top + Height / 2, yTitle, "middle", 13, Palette.Ink.Hex, rotate: -90);
    }

    /// <summary>A range padded by <paramref name="fraction"/> of its width on both sides (±1 if it is a single value).</summary>
    public static (double Min, double Max) Padded(double min, double max, double fraction = 0.1)
    {
        if (!(max > min)) return (min - 1, max + 1);
        double pad = (max - min) * fraction;
        return (min - pad, max + pad);
    }

    public static void CheckRange((double Min, double Max) range, string name)
    {
        if (!double.IsFinite(range.Min) || !double.IsFinite(range.Max) || !(range.Max > range.Min))
            throw new ArgumentOutOfRangeException(name, $"A plot range needs finite Min < Max; received {name} = ({range.Min}, {range.Max}).");
    }
}
