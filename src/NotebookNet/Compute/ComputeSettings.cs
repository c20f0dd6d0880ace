using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace NotebookNet.Compute;

/// <summary>Which inner loop a fast routine runs.</summary>
internal enum SimdPath
{
    /// <summary>Plain scalar C#: runs everywhere, slow, kept as the fallback.</summary>
    Scalar,

    /// <summary>128-bit vectors (4 floats) with fused multiply-add: ARM64 NEON, or x86 with FMA. Same results as <see cref="Fma256"/>.</summary>
    Fma128,

    /// <summary>AVX2 registers (8 floats) with fused multiply-add: needs <see cref="Fma.IsSupported"/>.</summary>
    Fma256,
}

/// <summary>
/// What the fast routines of this folder run with: how many threads and which inner loop. The thread count
/// is <see cref="ComputeMode.ThreadCount"/> (a scope, or the process-wide default set here); the inner loop is the
/// widest SIMD this CPU offers. Every routine also has an overload taking both explicitly, which tests use so that
/// they never depend on (or change) this state.
/// </summary>
internal static class ComputeSettings
{
    private static int _defaultThreadCount = Environment.ProcessorCount;

    /// <summary>
    /// Threads a routine call may use (1 = the calling thread only): the innermost <see cref="ComputeMode.Threads"/>
    /// scope's count, else the process-wide default (<see cref="Environment.ProcessorCount"/> until set here).
    /// Setting it changes the process-wide default.
    /// </summary>
    public static int ThreadCount
    {
        get => ComputeMode.ScopedThreadCount ?? _defaultThreadCount;
        set => _defaultThreadCount = CheckedThreadCount(value, "ComputeSettings.ThreadCount");
    }

    /// <summary>Upper bound for a thread count; far above any sensible value, it only stops runaway requests.</summary>
    public const int MaxThreads = 256;

    /// <summary>When true, routines run their scalar loops even where SIMD is available (used to test the fallback).</summary>
    public static bool ForceScalar { get; set; }

    /// <summary>True when this CPU and runtime can run the <see cref="SimdPath.Fma256"/> loops.</summary>
    public static bool SimdAvailable => Fma.IsSupported && Avx.IsSupported && Vector256.IsHardwareAccelerated;

    /// <summary>True when 128-bit vectors with a hardware fused multiply-add can run the <see cref="SimdPath.Fma128"/> loops.</summary>
    public static bool Simd128Available => Vector128.IsHardwareAccelerated && (Fma.IsSupported || AdvSimd.Arm64.IsSupported);

    /// <summary>The path routines take by default: the widest SIMD available unless <see cref="ForceScalar"/>.</summary>
    public static SimdPath Path =>
        ForceScalar ? SimdPath.Scalar
        : SimdAvailable ? SimdPath.Fma256
        : Simd128Available ? SimdPath.Fma128
        : SimdPath.Scalar;

    /// <summary>Checks an explicit thread count given to a routine.</summary>
    internal static void CheckThreads(int threads, string routine) => CheckedThreadCount(threads, routine);

    /// <summary><paramref name="threads"/> when it lies in [1, <see cref="MaxThreads"/>], else an error naming
    /// <paramref name="what"/> and the value received.</summary>
    internal static int CheckedThreadCount(int threads, string what)
    {
        if (threads < 1 || threads > MaxThreads)
            throw new ArgumentOutOfRangeException(nameof(threads), threads, $"{what}: thread count must be between 1 and {MaxThreads}; received {threads}.");
        return threads;
    }

    /// <summary>Checks that an explicitly requested path can run here.</summary>
    internal static void CheckPath(SimdPath path, string routine)
    {
        if (path == SimdPath.Fma256 && !SimdAvailable)
            throw new PlatformNotSupportedException($"{routine}: path {path} needs AVX2 and FMA, which this CPU or runtime does not offer.");
        if (path == SimdPath.Fma128 && !Simd128Available)
            throw new PlatformNotSupportedException($"{routine}: path {path} needs 128-bit SIMD with FMA (x86 FMA or ARM64), which this CPU or runtime does not offer.");
    }
}
