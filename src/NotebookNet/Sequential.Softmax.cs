using NotebookNet.Layers;
using NotebookNet.Losses;

namespace NotebookNet;

public sealed partial class Sequential
{
    // A model that ends in a softmax and is trained with (sparse) categorical cross-entropy takes the loss's gradient
    // with respect to the logits, (p − y)/N, and lets the softmax pass it through: the same math as the chain rule,
    // without dividing by probabilities that can underflow to zero.
    private bool ConfigureSoftmaxFusion(Loss loss)
    {
        foreach (var layer in _layers)
            if (layer.OutputSoftmax is { } s) s.FusedWithLoss = false;
        var last = _layers[^1].OutputSoftmax;
        if (last is null || !loss.FusesWithSoftmax) return false;
        last.FusedWithLoss = true;
        return true;
    }

    // The softmax that ends this model's output, if any: each layer says which softmax it outputs.
    private Softmax? OutputSoftmax() => _layers.Count == 0 ? null : _layers[^1].OutputSoftmax;

    // Gradients of a chosen unit (not of the loss) must go through the softmax's Jacobian: unfuse while tracing.
    private T WithoutFusion<T>(Func<T> trace)
    {
        var softmax = _fuseSoftmax ? OutputSoftmax() : null;
        if (softmax is not null) softmax.FusedWithLoss = false;
        try { return trace(); }
        finally { if (softmax is not null) softmax.FusedWithLoss = true; }
    }
}
