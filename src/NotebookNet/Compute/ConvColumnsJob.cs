
namespace NotebookNet.Compute;

/// <summary>One im2col or col2im call split over threads: part p of P takes units [p·U/P, (p+1)·U/P),
/// where a unit is an output row (im2col) or an image (col2im).</summary>
internal sealed unsafe class ConvColumnsJob : IPartitionedJob
{
    [ThreadStatic] private static ConvColumnsJob? t_job;

    private Mode _mode;
    private float* _x, _cols;
    private ConvGeometry _g;
    private bool _accumulate;
    private int _units;

    public enum Mode { Im2Col, Col2Im }

    /// <summary>The calling thread's reusable job.</summary>
    public static ConvColumnsJob ForCurrentThread => t_job ??= new ConvColumnsJob();

    public void Set(Mode mode, float* x, float* cols, in ConvGeometry g, bool accumulate, int units)
    {
        _mode = mode;
        _x = x;
        _cols = cols;
        _g = g;
        _accumulate = accumulate;
        _units = units;
    }

    /// <summary>Forgets the pointers once the call returns (they were pinned only for its duration).</summary>
    public void Clear()
    {
        _x = null;
        _cols = null;
    }

    public void Execute(int part, int parts)
    {
        int start = (int)((long)_units * part / parts), end = (int)((long)_units * (part + 1) / parts);
        if (start >= end) return;
        if (_mode == Mode.Im2Col) ConvColumns.Im2ColRows(_x, _cols, _g, start, end);
        else ConvColumns.Col2ImImages(_cols, _x, _g, _accumulate, start, end);
    }
}
