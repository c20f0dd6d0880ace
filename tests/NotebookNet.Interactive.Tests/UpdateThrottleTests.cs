namespace NotebookNet.Interactive.Tests;

public sealed class UpdateThrottleTests
{
    [Fact]
    public void The_first_update_passes_and_the_next_waits_for_the_interval()
    {
        var clock = new ManualClock();
        var throttle = new UpdateThrottle(TimeSpan.FromMilliseconds(250), clock);

        Assert.True(throttle.TryPass());
        clock.Advance(TimeSpan.FromMilliseconds(249));
        Assert.False(throttle.TryPass());
        clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True(throttle.TryPass());
        Assert.False(throttle.TryPass());
    }

    [Fact]
    public void A_thousand_batches_in_one_second_give_at_most_four_updates()
    {
        var clock = new ManualClock();
        var throttle = new UpdateThrottle(TimeSpan.FromMilliseconds(250), clock);

        int passed = 0;
        for (int batch = 0; batch < 1000; batch++)
        {
            if (throttle.TryPass()) passed++;
            clock.Advance(TimeSpan.FromMilliseconds(0.999));
        }

        Assert.Equal(4, passed);
    }

    [Fact]
    public void A_negative_interval_is_refused_with_the_value_received()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new UpdateThrottle(TimeSpan.FromSeconds(-1)));
        Assert.Contains("-00:00:01", e.Message);
    }
}
