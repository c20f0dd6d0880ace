using System.Runtime.CompilerServices;

namespace NotebookNet.Compute;

/// <summary>
/// One thread's packing buffers for <see cref="Gemm"/>, kept for the thread's lifetime so that a call in steady
/// state allocates nothing. Arrays are pinned (pinned object heap) and the pointers 64-byte aligned, so the
/// micro-tile's loads never straddle a cache line.
/// </summary>
internal sealed unsafe class GemmBuffers
{
    [ThreadStatic] private static GemmBuffers? t_current;

    private float[]? _a;
    private float[]? _b;
    private float* _aPtr;
    private float* _bPtr;
    private readonly float[] _edgeArray;
    private readonly float* _edge;

    private GemmBuffers() => _edge = Allocate(GemmBlocking.MR * GemmBlocking.NR, out _edgeArray);

    /// <summary>The calling thread's buffers (created on first use).</summary>
    public static GemmBuffers ForCurrentThread => t_current ??= new GemmBuffers();

    /// <summary>MR×NR scratch where the micro-tile parks a tile that is cut by the matrix edge.</summary>
    public float* Edge => _edge;

    /// <summary>At least <paramref name="floats"/> floats for a packed block of A.</summary>
    public float* PackedA(int floats)
    {
        if (_a is null || _a.Length - 16 < floats) _aPtr = Allocate(floats, out _a);
        return _aPtr;
    }

    /// <summary>At least <paramref name="floats"/> floats for a packed panel of B.</summary>
    public float* PackedB(int floats)
    {
        if (_b is null || _b.Length - 16 < floats) _bPtr = Allocate(floats, out _b);
        return _bPtr;
    }

    private static float* Allocate(int floats, out float[] array)
    {
        // 16 spare floats = 64 bytes, enough to slide the start to a 64-byte boundary.
        array = GC.AllocateUninitializedArray<float>(floats + 16, pinned: true);
        var p = (float*)Unsafe.AsPointer(ref array[0]);
        long misalignment = (long)p & 63;
        return misalignment == 0 ? p : (float*)((byte*)p + (64 - misalignment));
    }
}
