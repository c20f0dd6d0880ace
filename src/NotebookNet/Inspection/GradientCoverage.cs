using NotebookNet.Layers;

namespace NotebookNet.Inspection;

/// <summary>
/// Where the loss's gradient reaches a convolution: of all (location, filter) pairs at which a stride-1 filter
/// would be evaluated on the layer's input (H·W·filters per sample), the fraction whose output receives a nonzero
/// dLoss/d(output), and, for one sample and one filter, the mask of input locations (window centres) that do.
/// After stride s and p×p max pooling only 1/s² · 1/p² of them do: 6.25 % for stride 2 and 2×2 pooling.
/// </summary>
/// <param name="Fraction">Receiving / Evaluations.</param>
/// <param name="Receiving">(sample, location, filter) outputs with a nonzero gradient.</param>
/// <param name="Evaluations">N·H·W·filters: the evaluations of a stride-1 filter at every input location.</param>
/// <param name="Mask">[H, W]: 1 at the window centre of every output of <see cref="Filter"/> for sample 0 that
/// receives gradient, else 0.</param>
/// <param name="Filter">The filter the mask is drawn for.</param>
/// <example><code>
/// var coverage = GradientCoverage.Of(model, x, y);        // layer 0, filter 0 in the mask
/// Console.WriteLine($"{coverage.Fraction:P2}");              // 6.25 % after stride 2 and 2×2 pooling
/// </code></example>
public sealed record GradientCoverage(double Fraction, long Receiving, long Evaluations, Tensor Mask, int Filter)
{
    /// <summary>Input locations of the mask that receive gradient.</summary>
    public int MaskLocations => Mask.Data.Count(v => v != 0);

    /// <summary>Traces the loss's gradient for <paramref name="x"/>, <paramref name="y"/> down to layer
    /// <paramref name="layerIndex"/> (a Conv2D or LocallyConnected2D) without changing any weight.</summary>
    /// <exception cref="ArgumentException">The layer slides no filters over an image.</exception>
    public static GradientCoverage Of(Sequential model, Tensor x, Tensor y, int layerIndex = 0, int filter = 0)
    {
        ArgumentNullException.ThrowIfNull(model);
        var trace = model.Gradients(x, y);
        var conv = model.Layers[layerIndex] as SlidingWindowLayer ?? throw new ArgumentException(
            $"GradientCoverage.Of: layer {layerIndex} '{model.Layers[layerIndex].Name}' is a {model.Layers[layerIndex].TypeName}, " +
            "not a layer that slides filters over an image (Conv2D, LocallyConnected2D).", nameof(layerIndex));
        if (filter < 0 || filter >= conv.Filters)
            throw new ArgumentOutOfRangeException(nameof(filter), filter, $"Layer '{conv.Name}' has {conv.Filters} filters; received filter={filter}.");
        var g = conv.Geometry(x.Shape[0]);
        var gradient = trace.LayerOutputs[layerIndex];                    // [N, outH, outW, filters]
        var mask = new Tensor(g.InH, g.InW);
        long receiving = 0;
        for (int n = 0; n < g.Batch; n++)
        for (int oy = 0; oy < g.OutH; oy++)
        for (int ox = 0; ox < g.OutW; ox++)
        for (int f = 0; f < g.Filters; f++)
        {
            if (gradient.Data[g.OutputOffset(n, oy, ox) + f] == 0) continue;
            receiving++;
            // The window of output (oy, ox) starts at input (oy·s − padTop, ox·s − padLeft); mark its centre.
            int cy = g.InputRow(oy, g.KH / 2), cx = g.InputCol(ox, g.KW / 2);
            if (n == 0 && f == filter && cy >= 0 && cy < g.InH && cx >= 0 && cx < g.InW) mask.Data[cy * g.InW + cx] = 1;
        }
        long evaluations = (long)g.Batch * g.InH * g.InW * g.Filters;
        return new GradientCoverage((double)receiving / evaluations, receiving, evaluations, mask, filter);
    }
}
