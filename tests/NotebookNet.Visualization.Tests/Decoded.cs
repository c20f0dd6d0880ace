using System.Text.RegularExpressions;
using System.Xml.Linq;
using StbImageSharp;

namespace NotebookNet.Visualization.Tests;

/// <summary>Reads renderer output back: decodes PNGs (with an independent decoder), parses SVG, finds data URIs.</summary>
internal static class Decoded
{
    public static DecodedPng Png(byte[] png)
    {
        var result = ImageResult.FromMemory(png, ColorComponents.RedGreenBlue);
        return new DecodedPng(result.Width, result.Height, result.Data);
    }

    /// <summary>Every PNG embedded as a data URI in HTML or SVG, decoded.</summary>
    public static List<DecodedPng> EmbeddedPngs(string markup) =>
        Regex.Matches(markup, "data:image/png;base64,([A-Za-z0-9+/=]+)")
            .Select(m => Png(Convert.FromBase64String(m.Groups[1].Value)))
            .ToList();

    /// <summary>Parses SVG (throws if not well-formed XML).</summary>
    public static XDocument Svg(string svg) => XDocument.Parse(svg);

    public static readonly XNamespace SvgNs = "http://www.w3.org/2000/svg";

    /// <summary>The inline &lt;svg&gt; elements of an HTML fragment, each parsed as XML.</summary>
    public static List<XDocument> InlineSvgs(string html) =>
        Regex.Matches(html, "<svg[\\s\\S]*?</svg>").Select(m => XDocument.Parse(m.Value)).ToList();
}

internal sealed record DecodedPng(int Width, int Height, byte[] Rgb)
{
    public (byte R, byte G, byte B) this[int x, int y]
    {
        get
        {
            int o = (y * Width + x) * 3;
            return (Rgb[o], Rgb[o + 1], Rgb[o + 2]);
        }
    }
}
