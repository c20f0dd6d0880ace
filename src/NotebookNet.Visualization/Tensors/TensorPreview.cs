using System.Globalization;
using System.Text;
using NotebookNet.Visualization.Internal;
using static NotebookNet.Visualization.Internal.Format;

namespace NotebookNet.Visualization;

/// <summary>
/// What a notebook shows for a bare <see cref="Tensor"/>: its shape and statistics, and a picture chosen from the
/// shape: one image ([H, W], [H, W, 1], [1, H, W, 1]), the first images of a batch ([N, H, W, 1]), the channels of
/// one sample's activations ([H, W, C] or [1, H, W, C]) or, for small vectors and matrices, the values in a table
/// shaded blue (negative) to red (positive).
/// </summary>
/// <example><code>string html = TensorPreview.ToHtml(mnist.Train.Images);   // [60000, 28, 28, 1]: the first 8 digits</code></example>
public static class TensorPreview
{
    private const int MaxImages = 8, MaxRows = 12, MaxColumns = 12, MinImageSide = 4;

    /// <summary>The preview as HTML.</summary>
    public static string ToHtml(Tensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        var sb = new StringBuilder($"<div class=\"nn-tensor\" style=\"{Html.Card()}\">");
        sb.Append(Html.Title($"Tensor {Escape(tensor.ShapeString)} <span style=\"font-weight:400;color:{Palette.MutedInk.Hex};font-size:13px\">· {Stats(tensor)}</span>"));
        sb.Append(Picture(tensor));
        return sb.Append("</div>").ToString();
    }

    private static string Stats(Tensor t)
    {
        if (t.Length == 0) return "no values";
        var (min, max) = Plane.Range(t.Data);
        double sum = 0;
        int finite = 0;
        foreach (float v in t.Data)
            if (float.IsFinite(v)) { sum += v; finite++; }
        string nonFinite = finite < t.Length ? $" · {Count(t.Length - finite)} NaN/∞" : "";
        return $"{Count(t.Length)} values · min {Value(min)} · max {Value(max)} · mean {Value(finite > 0 ? sum / finite : double.NaN)}{nonFinite}";
    }

    private static string Picture(Tensor t)
    {
        int[] s = t.Shape;
        if (t.Length == 0) return "";
        bool Side(int n) => n >= MinImageSide;
        // One sample's activations with several channels.
        if ((s.Length == 3 && s[2] > 1 && Side(s[0]) && Side(s[1])) || (s.Length == 4 && s[0] == 1 && s[3] > 1 && Side(s[1]) && Side(s[2])))
            return FeatureMaps.ToSvg(t);
        // One image.
        if ((s.Length == 2 && Side(s[0]) && Side(s[1]) && s[0] * s[1] > MaxRows * MaxColumns) ||
            (s.Length == 3 && s[2] == 1 && Side(s[0]) && Side(s[1])) ||
            (s.Length == 4 && s[0] == 1 && s[3] == 1 && Side(s[1]) && Side(s[2])))
            return Image(t);
        // A batch of single-channel images: the first few.
        if ((s.Length == 4 && s[3] == 1 && Side(s[1]) && Side(s[2])) || (s.Length == 3 && Side(s[1]) && Side(s[2]) && s[1] * s[2] > MaxRows * MaxColumns))
            return Batch(t);
        if (s.Length is 1 or 2) return Table(t);
        return "";
    }

    private static string Image(Tensor t)
    {
        var (min, max) = Plane.Range(t.Data);
        var (h, w) = Plane.Of(t, nameof(TensorPreview));
        int scale = TileMosaic.AutoScale(Math.Max(h, w), 168);
        var img = min < 0
            ? TensorImage.Diverging(t, scale)
            : TensorImage.Grayscale(t, scale, 0, max <= 1 ? 1 : max);
        string note = min < 0 ? "blue negative, white zero, red positive" : max <= 1 ? "black 0, white 1" : $"black 0, white {Value(max)}";
        return Html.Img(img, "tensor as an image") + Html.Note(note);
    }

    private static string Batch(Tensor t)
    {
        int n = t.Shape[0], shown = Math.Min(n, MaxImages);
        var (min, max) = Plane.Range(t.Data);
        float hi = max <= 1 ? 1 : max;
        int[] sample = t.Shape[1..];
        int scale = TileMosaic.AutoScale(Math.Max(sample[0], sample[1]), 84);
        var sb = new StringBuilder("<div style=\"display:flex;gap:8px;flex-wrap:wrap\">");
        for (int i = 0; i < shown; i++)
        {
            var one = t.Slice(i, 1).Reshape(sample);
            var img = min < 0 ? TensorImage.Diverging(one, scale, Plane.SymmetricLimit(t.Data)) : TensorImage.Grayscale(one, scale, 0, hi);
            sb.Append($"<figure style=\"margin:0;text-align:center;font-size:11px;color:{Palette.MutedInk.Hex}\">{Html.Img(img, $"sample {i}")}" +
                      $"<figcaption>[{i}]</figcaption></figure>");
        }
        sb.Append("</div>");
        if (n > shown) sb.Append(Html.Note($"The first {shown} of {Count(n)} samples."));
        return sb.ToString();
    }

    private static string Table(Tensor t)
    {
        int rows = t.Rank == 1 ? 1 : t.Shape[0], cols = t.Shape[^1];
        float limit = Plane.SymmetricLimit(t.Data);
        var sb = new StringBuilder($"<table style=\"border-collapse:collapse;font-size:12px;{Html.Mono}\">");
        for (int r = 0; r < Math.Min(rows, MaxRows); r++)
        {
            sb.Append("<tr>");
            for (int c = 0; c < Math.Min(cols, MaxColumns); c++)
            {
                float v = t.Data[r * cols + c];
                var fill = ColorMap.Diverging.At(v, -limit, limit);
                sb.Append($"<td style=\"{Html.Cell("right", $"background:{fill.Hex};color:{fill.ContrastingText.Hex};border:1px solid #ffffff;padding:2px 6px")}\">" +
                          $"{Escape(v.ToString("G4", CultureInfo.InvariantCulture))}</td>");
            }
            if (cols > MaxColumns) sb.Append($"<td style=\"{Html.Cell()}\">… {Count(cols - MaxColumns)} more</td>");
            sb.Append("</tr>");
        }
        if (rows > MaxRows) sb.Append($"<tr><td colspan=\"{Math.Min(cols, MaxColumns)}\" style=\"{Html.Cell()}\">⋮ {Count(rows - MaxRows)} more rows</td></tr>");
        return sb.Append("</table>").ToString();
    }
}
