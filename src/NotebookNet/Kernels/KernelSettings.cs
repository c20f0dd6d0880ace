using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace NotebookNet.Kernels;

/// <summary>Which inner loop a kernel runs.</summary>
internal enum KernelPath
{
    /// <summary>Plain scalar C#: runs everywhere, slow, kept as the fallback.</summary>
    Scalar,

    /// <summary>128-bit vectors (4 floats) with fused multiply-add: ARM64 NEON, or x86 with FMA. Same results as <see cref="Fma256"/>.</summary>
    Fma128,

    /// <summary>AVX2 registers (8 floats) with fused multiply-add: needs <see cref="Fma.IsSupported"/>.</summary>
    Fma256,
}

/// <summary>
/// Process-wide defaults for the fast kernels: how many threads they may use and which inner loop they run.
/// Every kernel also has an overload taking both explicitly, which tests use so that they never depend on
/// (or change) this global state.
/// </summary>
internal static class KernelSettings
{
    private static int _threadCount = Environment.ProcessorCount;

    /// <summary>Threads a kernel call may use (1 = the calling thread only). Defaults to <see cref="Environment.ProcessorCount"/>.</summary>
    public static int ThreadCount
    {
        get => _threadCount;
        set
        {
            if (value < 1 || value > MaxThreads)
                throw new ArgumentOutOfRangeException(nameof(value), value, $"Kernel thread count must be between 1 and {MaxThreads}; received {value}.");
            _threadCount = value;
        }
    }

    /// <summary>Upper bound for a thread count; far above any sensible value, it only stops runaway requests.</summary>
    public const int MaxThreads = 256;

    /// <summary>When true, kernels run their scalar loops even where SIMD is available (used to test the fallback).</summary>
    public static bool ForceScalar { get; set; }

    /// <summary>
    /// When true, the layers run their plain reference loops (<c>ForwardReference</c>/<c>BackwardReference</c>)
    /// instead of the fast kernels: slow, but the readable definition, for comparison and teaching.
    /// </summary>
    public static bool UseReferenceLayers { get; set; }

    /// <summary>True when this CPU and runtime can run the <see cref="KernelPath.Fma256"/> loops.</summary>
    public static bool SimdAvailable => Fma.IsSupported && Avx.IsSupported && Vector256.IsHardwareAccelerated;

    /// <summary>True when 128-bit vectors with a hardware fused multiply-add can run the <see cref="KernelPath.Fma128"/> loops.</summary>
    public static bool Simd128Available => Vector128.IsHardwareAccelerated && (Fma.IsSupported || AdvSimd.Arm64.IsSupported);

    /// <summary>The path kernels take by default: the widest SIMD available unless <see cref="ForceScalar"/>.</summary>
    public static KernelPath Path =>
        ForceScalar ? KernelPath.Scalar
        : SimdAvailable ? KernelPath.Fma256
        : Simd128Available ? KernelPath.Fma128
        : KernelPath.Scalar;

    /// <summary>Checks an explicit thread count given to a kernel.</summary>
    internal static void CheckThreads(int threads, string kernel)
    {
        if (threads < 1 || threads > MaxThreads)
            throw new ArgumentOutOfRangeException(nameof(threads), threads, $"{kernel}: thread count must be between 1 and {MaxThreads}; received {threads}.");
    }

    /// <summary>Checks that an explicitly requested path can run here.</summary>
    internal static void CheckPath(KernelPath path, string kernel)
    {
        if (path == KernelPath.Fma256 && !SimdAvailable)
            throw new PlatformNotSupportedException($"{kernel}: path {path} needs AVX2 and FMA, which this CPU or runtime does not offer.");
        if (path == KernelPath.Fma128 && !Simd128Available)
            throw new PlatformNotSupportedException($"{kernel}: path {path} needs 128-bit SIMD with FMA (x86 FMA or ARM64), which this CPU or runtime does not offer.");
    }
}
