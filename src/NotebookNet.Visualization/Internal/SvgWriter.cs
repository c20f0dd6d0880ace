using System.Text;
using static NotebookNet.Visualization.Internal.Format;

namespace NotebookNet.Visualization.Internal;

/// <summary>
/// Writes a standalone SVG document element by element. Every figure uses the same font stack and ink
/// colour, and a white background so it reads in dark notebook themes too.
/// </summary>
internal sealed class SvgWriter
{
    public const string FontFamily = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif";

    private readonly StringBuilder _sb = new();

    public SvgWriter(double width, double height, string? title = null)
    {
        Width = width;
        Height = height;
        _sb.Append($"<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" ")
           .Append($"width=\"{Coord(width)}\" height=\"{Coord(height)}\" viewBox=\"0 0 {Coord(width)} {Coord(height)}\" ")
           .Append($"font-family=\"{FontFamily}\" font-size=\"12\" fill=\"{Palette.Ink.Hex}\" role=\"img\">");
        if (title is not null) _sb.Append($"<title>{Escape(title)}</title>");
        _sb.Append($"<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>");
    }

    public double Width { get; }

    public double Height { get; }

    public SvgWriter Rect(double x, double y, double w, double h, string fill, string? stroke = null, double strokeWidth = 1, string? extra = null, string? title = null)
    {
        _sb.Append($"<rect x=\"{Coord(x)}\" y=\"{Coord(y)}\" width=\"{Coord(w)}\" height=\"{Coord(h)}\" fill=\"{fill}\"");
        if (stroke is not null) _sb.Append($" stroke=\"{stroke}\" stroke-width=\"{Coord(strokeWidth)}\"");
        if (extra is not null) _sb.Append(' ').Append(extra);
        if (title is null) _sb.Append("/>");
        else _sb.Append($"><title>{Escape(title)}</title></rect>");
        return this;
    }

    public SvgWriter Line(double x1, double y1, double x2, double y2, string stroke, double strokeWidth = 1, string? extra = null)
    {
        _sb.Append($"<line x1=\"{Coord(x1)}\" y1=\"{Coord(y1)}\" x2=\"{Coord(x2)}\" y2=\"{Coord(y2)}\" stroke=\"{stroke}\" stroke-width=\"{Coord(strokeWidth)}\"");
        if (extra is not null) _sb.Append(' ').Append(extra);
        _sb.Append("/>");
        return this;
    }

    public SvgWriter Circle(double cx, double cy, double r, string fill, string? stroke = null, double strokeWidth = 1, string? title = null)
    {
        _sb.Append($"<circle cx=\"{Coord(cx)}\" cy=\"{Coord(cy)}\" r=\"{Coord(r)}\" fill=\"{fill}\"");
        if (stroke is not null) _sb.Append($" stroke=\"{stroke}\" stroke-width=\"{Coord(strokeWidth)}\"");
        if (title is null) _sb.Append("/>");
        else _sb.Append($"><title>{Escape(title)}</title></circle>");
        return this;
    }

    /// <summary>An open polyline through the points (skips non-finite points by starting a new segment).</summary>
    public SvgWriter Polyline(IReadOnlyList<(double X, double Y)> points, string stroke, double strokeWidth = 1.5, string? extra = null)
    {
        var d = new StringBuilder();
        bool pen = false;
        foreach (var (x, y) in points)
        {
            if (!double.IsFinite(x) || !double.IsFinite(y)) { pen = false; continue; }
            d.Append(pen ? " L" : " M").Append(Coord(x)).Append(' ').Append(Coord(y));
            pen = true;
        }
        if (d.Length == 0) return this;
        return Path(d.ToString().Trim(), "none", stroke, strokeWidth, "stroke-linejoin=\"round\" stroke-linecap=\"round\"" + (extra is null ? "" : " " + extra));
    }

    public SvgWriter Path(string d, string fill, string? stroke = null, double strokeWidth = 1, string? extra = null)
    {
        _sb.Append($"<path d=\"{d}\" fill=\"{fill}\"");
        if (stroke is not null) _sb.Append($" stroke=\"{stroke}\" stroke-width=\"{Coord(strokeWidth)}\"");
        if (extra is not null) _sb.Append(' ').Append(extra);
        _sb.Append("/>");
        return this;
    }

    /// <summary>Text; <paramref name="anchor"/> is start, middle or end; <paramref name="rotate"/> in degrees about (x, y).</summary>
    public SvgWriter Text(double x, double y, string text, string anchor = "start", double size = 12, string? fill = null,
        string? weight = null, double rotate = 0, string baseline = "auto")
    {
        _sb.Append($"<text x=\"{Coord(x)}\" y=\"{Coord(y)}\" text-anchor=\"{anchor}\" font-size=\"{Coord(size)}\"");
        if (fill is not null) _sb.Append($" fill=\"{fill}\"");
        if (weight is not null) _sb.Append($" font-weight=\"{weight}\"");
        if (baseline != "auto") _sb.Append($" dominant-baseline=\"{baseline}\"");
        if (rotate != 0) _sb.Append($" transform=\"rotate({Coord(rotate)} {Coord(x)} {Coord(y)})\"");
        _sb.Append('>').Append(Escape(text)).Append("</text>");
        return this;
    }

    /// <summary>An embedded raster. <paramref name="pixelated"/> keeps nearest-neighbour pixels crisp when scaled.</summary>
    public SvgWriter Image(double x, double y, double w, double h, RgbImage image, bool pixelated)
    {
        _sb.Append($"<image x=\"{Coord(x)}\" y=\"{Coord(y)}\" width=\"{Coord(w)}\" height=\"{Coord(h)}\" preserveAspectRatio=\"none\"");
        if (pixelated) _sb.Append(" style=\"image-rendering:crisp-edges;image-rendering:pixelated\"");
        _sb.Append($" xlink:href=\"{image.ToDataUri()}\"/>");
        return this;
    }

    /// <summary>Appends raw SVG markup (the caller escapes it).</summary>
    public SvgWriter Raw(string markup)
    {
        _sb.Append(markup);
        return this;
    }

    public override string ToString() => _sb + "</svg>";
}
