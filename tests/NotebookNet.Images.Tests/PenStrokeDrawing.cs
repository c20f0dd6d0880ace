using StbImageWriteSharp;

namespace NotebookNet.Images.Tests;

/// <summary>
/// Draws a handwritten-looking digit the way a pen would, for the sample the own-digit notebook ships
/// (notebooks/images/handwritten-3.png): a "3" as two arcs traced by a round pen whose width varies along the stroke,
/// wobbling and slanted as a hand draws, in blue-black ink on cream paper lit unevenly, with sensor-like noise.
/// Nothing is taken from MNIST.
/// </summary>
internal static class PenStrokeDrawing
{
    public const int Height = 320, Width = 240;

    /// <summary>The drawing as RGB bytes, row by row.</summary>
    public static byte[] Three(int seed = 2026)
    {
        var path = new List<(double X, double Y, double Radius)>();
        Arc(path, cx: 118, cy: 105, r: 52, from: -160, to: 90, startRadius: 5.0, endRadius: 6.5);    // the upper bowl
        Arc(path, cx: 122, cy: 220, r: 63, from: -95, to: 160, startRadius: 6.5, endRadius: 4.5);    // the lower bowl
        var random = new Random(seed);
        var rgb = new byte[Height * Width * 3];
        (double R, double G, double B) paper = (236, 231, 216), ink = (38, 42, 88);
        for (int y = 0; y < Height; y++)
            for (int x = 0; x < Width; x++)
            {
                double d = Distance(path, x + 0.5, y + 0.5);
                double coverage = Math.Clamp(0.5 - d, 0, 1);                // one pixel of anti-aliased edge
                double light = 1 - 0.12 * (x + y) / (Width + Height);        // brighter top-left, as under a lamp
                double noise = Gaussian(random) * 5;
                int i = 3 * (y * Width + x);
                rgb[i] = Mix(paper.R * light, ink.R, coverage, noise);
                rgb[i + 1] = Mix(paper.G * light, ink.G, coverage, noise);
                rgb[i + 2] = Mix(paper.B * light, ink.B, coverage, noise);
            }
        return rgb;
    }

    /// <summary>The drawing as a PNG file.</summary>
    public static void WritePng(string path, int seed = 2026)
    {
        using var stream = File.Create(path);
        new ImageWriter().WritePng(Three(seed), Width, Height, ColorComponents.RedGreenBlue, stream);
    }

    // Points along an arc (degrees, y down), the pen's radius changing linearly from start to end.
    private static void Arc(List<(double, double, double)> path, double cx, double cy, double r, double from, double to,
        double startRadius, double endRadius)
    {
        const int steps = 120;
        for (int k = 0; k <= steps; k++)
        {
            double t = (double)k / steps, a = (from + (to - from) * t) * Math.PI / 180;
            double wobble = r * (1 + 0.05 * Math.Sin(5 * a + 1));          // a hand is never a compass
            double x = cx + wobble * Math.Cos(a), y = cy + 0.92 * wobble * Math.Sin(a);
            path.Add((x + 0.18 * (Height / 2.0 - y), y, startRadius + (endRadius - startRadius) * t));   // slanted right
        }
    }

    // Signed distance from the pen's edge: < 0 inside the stroke.
    private static double Distance(List<(double X, double Y, double Radius)> path, double x, double y)
    {
        double best = double.MaxValue;
        for (int k = 1; k < path.Count; k++)
        {
            var (a, b) = (path[k - 1], path[k]);
            double dx = b.X - a.X, dy = b.Y - a.Y, len = dx * dx + dy * dy;
            double t = len == 0 ? 0 : Math.Clamp(((x - a.X) * dx + (y - a.Y) * dy) / len, 0, 1);
            double px = a.X + t * dx - x, py = a.Y + t * dy - y;
            best = Math.Min(best, Math.Sqrt(px * px + py * py) - (a.Radius + t * (b.Radius - a.Radius)));
        }
        return best;
    }

    private static byte Mix(double paper, double ink, double coverage, double noise) =>
        (byte)Math.Clamp(Math.Round(paper + (ink - paper) * coverage + noise), 0, 255);

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
