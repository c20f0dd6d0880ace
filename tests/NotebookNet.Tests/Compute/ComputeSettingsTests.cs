using NotebookNet.Compute;

namespace NotebookNet.Tests.Compute;

// Flips process-wide switches, so it runs alone.
[Collection(ComputeGlobalsCollection.Name)]
public sealed class ComputeSettingsTests
{
    [Fact]
    public void The_global_scalar_switch_selects_the_scalar_path()
    {
        bool saved = ComputeSettings.ForceScalar;
        try
        {
            ComputeSettings.ForceScalar = true;
            Assert.Equal(SimdPath.Scalar, ComputeSettings.Path);
            ComputeSettings.ForceScalar = false;
            var widest = ComputeSettings.SimdAvailable ? SimdPath.Fma256
                : ComputeSettings.Simd128Available ? SimdPath.Fma128 : SimdPath.Scalar;
            Assert.Equal(widest, ComputeSettings.Path);
        }
        finally
        {
            ComputeSettings.ForceScalar = saved;
        }
    }

    [Fact]
    public void A_thread_count_setting_below_one_is_rejected_with_the_value()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => ComputeSettings.ThreadCount = 0);
        Assert.Contains("received 0", ex.Message);
    }
}
