namespace NotebookNet.Visualization.Internal;

/// <summary>
/// Inline styles shared by the HTML renderers. Styles are inline (no &lt;style&gt; block) so that an output
/// cannot restyle the rest of the notebook and survives notebook viewers that drop style sheets.
/// </summary>
internal static class Html
{
    public const string Font = "font-family:" + SvgWriter.FontFamily + ";";

    /// <summary>The frame of every figure: white card, dark ink (readable in dark notebook themes too).</summary>
    public static string Card(string? extra = null) =>
        Font + $"background:#ffffff;color:{Palette.Ink.Hex};display:inline-block;padding:10px 14px;" +
        $"border:1px solid {Palette.Grid.Hex};border-radius:6px;line-height:1.35;vertical-align:top;margin:2px;" + (extra ?? "");

    public static string Title(string text) =>
        $"<div style=\"font-size:15px;font-weight:600;margin:0 0 6px 0\">{text}</div>";

    public static string Note(string text) =>
        $"<div style=\"{Font}font-size:12px;color:{Palette.MutedInk.Hex};margin-top:6px\">{text}</div>";

    public const string Mono = "font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,'Liberation Mono',monospace;";

    public const string Numeric = "font-variant-numeric:tabular-nums;text-align:right;";

    /// <summary>Cell style: explicit alignment and padding, since notebook front ends restyle table cells.</summary>
    public static string Cell(string align = "left", string? extra = null) =>
        $"text-align:{align};padding:3px 10px;border:none;vertical-align:middle;" + (extra ?? "");

    /// <summary>A horizontal bar of <paramref name="widthPx"/> pixels (at least 1 when the value is not zero).</summary>
    public static string Bar(double widthPx, Rgb color, string title) =>
        $"<div title=\"{Format.Escape(title)}\" style=\"display:inline-block;vertical-align:middle;height:12px;" +
        $"width:{Format.Coord(widthPx)}px;background:{color.Hex};border-radius:2px\"></div>";

    /// <summary>An &lt;img&gt; of a PNG, with nearest-neighbour scaling when the browser rescales it.</summary>
    public static string Img(RgbImage image, string alt, int? displayWidth = null, int? displayHeight = null) =>
        $"<img alt=\"{Format.Escape(alt)}\" width=\"{displayWidth ?? image.Width}\" height=\"{displayHeight ?? image.Height}\" " +
        "style=\"image-rendering:crisp-edges;image-rendering:pixelated;display:block;outline:1px solid #cccccc\" " +
        $"src=\"{image.ToDataUri()}\"/>";
}
