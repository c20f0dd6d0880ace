namespace NotebookNet.Visualization;

/// <summary>
/// A colour map: piecewise-linear interpolation between evenly spaced anchor colours, for a position
/// <c>t</c> in [0, 1]. The named maps are the ones every renderer here uses, so a colour means the same
/// thing in every figure (blue = negative, white = zero, red = positive; black..white for pixels).
/// </summary>
public sealed class ColorMap
{
    private readonly Rgb[] _anchors;

    /// <summary>Creates a map through <paramref name="anchors"/> (at least two), evenly spaced over [0, 1].</summary>
    public ColorMap(string name, params Rgb[] anchors)
    {
        ArgumentNullException.ThrowIfNull(anchors);
        if (anchors.Length < 2)
            throw new ArgumentException($"A colour map needs at least two anchor colours; \"{name}\" received {anchors.Length}.", nameof(anchors));
        Name = name;
        _anchors = (Rgb[])anchors.Clone();
    }

    /// <summary>The map's name, e.g. "diverging".</summary>
    public string Name { get; }

    /// <summary>The anchor colours, evenly spaced from t = 0 to t = 1.</summary>
    public IReadOnlyList<Rgb> Anchors => _anchors;

    /// <summary>Black (t = 0) to white (t = 1): pixel intensities of an input image.</summary>
    public static ColorMap Grayscale { get; } = new("grayscale", Rgb.Black, Rgb.White);

    /// <summary>
    /// Blue (t = 0) – white (t = 0.5) – red (t = 1), ColorBrewer RdBu with a pure white centre:
    /// weights and other signed values, used with symmetric limits so that zero is white.
    /// </summary>
    public static ColorMap Diverging { get; } = FromHex("diverging",
        "#053061", "#2166ac", "#4393c3", "#92c5de", "#d1e5f0", "#ffffff",
        "#fddbc7", "#f4a582", "#d6604d", "#b2182b", "#67001f");

    /// <summary>White (t = 0) to dark blue (t = 1), ColorBrewer Blues: counts, e.g. confusion-matrix cells.</summary>
    public static ColorMap Blues { get; } = FromHex("blues",
        "#f7fbff", "#deebf7", "#c6dbef", "#9ecae1", "#6baed6", "#4292c6", "#2171b5", "#08519c", "#08306b");

    /// <summary>
    /// Dark purple (t = 0) through teal to yellow (t = 1), viridis: a loss surface (low = dark). Perceptually
    /// uniform and readable in grey print.
    /// </summary>
    public static ColorMap Viridis { get; } = FromHex("viridis",
        "#440154", "#482878", "#3e4989", "#31688e", "#26828e", "#1f9e89", "#35b779", "#6ece58", "#b5de2b", "#fde725");

    /// <summary>Creates a map from <c>#rrggbb</c> anchors.</summary>
    public static ColorMap FromHex(string name, params string[] hexAnchors) =>
        new(name, hexAnchors.Select(Rgb.FromHex).ToArray());

    /// <summary>The colour at <paramref name="t"/> (clamped to [0, 1]; NaN gives the t = 0.5 colour).</summary>
    public Rgb At(double t)
    {
        if (double.IsNaN(t)) t = 0.5;
        t = Math.Clamp(t, 0, 1);
        double pos = t * (_anchors.Length - 1);
        int i = Math.Min((int)pos, _anchors.Length - 2);
        return Rgb.Lerp(_anchors[i], _anchors[i + 1], pos - i);
    }

    /// <summary>
    /// The colour of <paramref name="value"/> on a scale from <paramref name="min"/> (t = 0) to
    /// <paramref name="max"/> (t = 1). If <c>min == max</c> every value maps to the middle colour.
    /// </summary>
    public Rgb At(double value, double min, double max) =>
        max > min ? At((value - min) / (max - min)) : At(0.5);
}
