
namespace NotebookNet.Training;

/// <summary>
/// A copy of a model's weights (every parameter and every saved layer state, such as moving statistics) and, if
/// asked, of its optimizer's state, that can be taken again and restored in place. Buffers are allocated once.
/// EarlyStopping keeps the best epoch's weights in one; Fit keeps one for the rare step that might overflow.
/// </summary>
internal sealed class ModelSnapshot
{
    private readonly Tensor[] _live;
    private readonly float[][] _copies;
    private readonly Optimizers.Optimizer? _optimizer;
    private long _iterations;

    public ModelSnapshot(Sequential model, bool includeOptimizer)
    {
        var tensors = new List<Tensor>();
        foreach (var layer in model.Layers)
        {
            tensors.AddRange(layer.Parameters.Select(p => p.Value));
            if (Serialization.LayerFormats.Find(layer.GetType().Name) is { } format && format.Accepts(layer)) tensors.AddRange(format.State(layer));
        }
        if (includeOptimizer)
        {
            _optimizer = model.Optimizer;
            foreach (string slot in _optimizer.StateNames)
                tensors.AddRange(model.Parameters.Select(p => new Tensor(_optimizer.StateOf(slot, p), p.Value.Shape)));
        }
        _live = [.. tensors];
        _copies = _live.Select(t => new float[t.Length]).ToArray();
    }

    /// <summary>True once <see cref="Take"/> has run.</summary>
    public bool IsTaken { get; private set; }

    /// <summary>Copies the current values in.</summary>
    public void Take()
    {
        for (int i = 0; i < _live.Length; i++) _live[i].Data.CopyTo(_copies[i], 0);
        if (_optimizer is not null) _iterations = _optimizer.Iterations;
        IsTaken = true;
    }

    /// <summary>Puts the copied values back into the model (and optimizer).</summary>
    public void Restore()
    {
        if (!IsTaken) throw new InvalidOperationException("Nothing to restore: the snapshot was never taken.");
        for (int i = 0; i < _live.Length; i++) _copies[i].CopyTo(_live[i].Data, 0);
        _optimizer?.RestoreIterations(_iterations);
    }

    /// <summary>True when every live value (weights, state) is finite.</summary>
    public bool ModelIsFinite() => _live.All(t => Compute.Reductions.AllFinite(t.Span));
}
