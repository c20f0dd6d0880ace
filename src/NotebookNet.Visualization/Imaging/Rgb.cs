using System.Globalization;

namespace NotebookNet.Visualization;

/// <summary>An opaque sRGB colour, 8 bits per channel.</summary>
/// <param name="R">Red, 0–255.</param>
/// <param name="G">Green, 0–255.</param>
/// <param name="B">Blue, 0–255.</param>
public readonly record struct Rgb(byte R, byte G, byte B)
{
    /// <summary>Pure white (255, 255, 255).</summary>
    public static Rgb White => new(255, 255, 255);

    /// <summary>Pure black (0, 0, 0).</summary>
    public static Rgb Black => new(0, 0, 0);

    /// <summary>The colour as CSS/SVG hex, e.g. <c>#1f77b4</c>.</summary>
    public string Hex => string.Create(CultureInfo.InvariantCulture, $"#{R:x2}{G:x2}{B:x2}");

    /// <summary>Parses <c>#rrggbb</c>.</summary>
    /// <exception cref="FormatException">The text is not seven characters starting with '#'.</exception>
    public static Rgb FromHex(string hex)
    {
        ArgumentNullException.ThrowIfNull(hex);
        if (hex.Length != 7 || hex[0] != '#')
            throw new FormatException($"Expected a colour like \"#1f77b4\"; received \"{hex}\".");
        return new Rgb(
            byte.Parse(hex.AsSpan(1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture),
            byte.Parse(hex.AsSpan(3, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture),
            byte.Parse(hex.AsSpan(5, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
    }

    /// <summary>Linear blend in sRGB: <c>t = 0</c> gives <paramref name="a"/>, <c>t = 1</c> gives <paramref name="b"/>.</summary>
    public static Rgb Lerp(Rgb a, Rgb b, double t)
    {
        t = Math.Clamp(t, 0, 1);
        return new Rgb(Mix(a.R, b.R, t), Mix(a.G, b.G, t), Mix(a.B, b.B, t));
    }

    /// <summary>Relative luminance (0 = black, 1 = white), used to pick black or white text on a coloured cell.</summary>
    public double Luminance
    {
        get
        {
            // WCAG relative luminance: linearise each sRGB channel, then weight by the eye's sensitivity.
            static double Lin(byte c)
            {
                double s = c / 255.0;
                return s <= 0.03928 ? s / 12.92 : Math.Pow((s + 0.055) / 1.055, 2.4);
            }
            return 0.2126 * Lin(R) + 0.7152 * Lin(G) + 0.0722 * Lin(B);
        }
    }

    /// <summary>Black or white, whichever reads better on this colour.</summary>
    public Rgb ContrastingText => Luminance > 0.35 ? new Rgb(34, 34, 34) : White;

    private static byte Mix(byte a, byte b, double t) => (byte)Math.Round(a + (b - a) * t);

    /// <inheritdoc/>
    public override string ToString() => Hex;
}
