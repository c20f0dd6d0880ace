using NotebookNet.Kernels;

namespace NotebookNet.Tests.Kernels;

// Flips process-wide switches, so it runs alone.
[Collection(KernelGlobalsCollection.Name)]
public sealed class KernelSettingsTests
{
    [Fact]
    public void The_global_scalar_switch_selects_the_scalar_path()
    {
        bool saved = KernelSettings.ForceScalar;
        try
        {
            KernelSettings.ForceScalar = true;
            Assert.Equal(KernelPath.Scalar, KernelSettings.Path);
            KernelSettings.ForceScalar = false;
            var widest = KernelSettings.SimdAvailable ? KernelPath.Fma256
                : KernelSettings.Simd128Available ? KernelPath.Fma128 : KernelPath.Scalar;
            Assert.Equal(widest, KernelSettings.Path);
        }
        finally
        {
            KernelSettings.ForceScalar = saved;
        }
    }

    [Fact]
    public void A_thread_count_setting_below_one_is_rejected_with_the_value()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => KernelSettings.ThreadCount = 0);
        Assert.Contains("received 0", ex.Message);
    }
}
