using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.Events;

namespace NotebookNet.Interactive.Tests;

/// <summary>Lets a test and a running cell wait for each other.</summary>
public static class CellSignals
{
    /// <summary>Set by the cell once its loop runs.</summary>
    public static readonly ManualResetEventSlim Started = new();

    /// <summary>Set by the cell when its loop ended.</summary>
    public static readonly ManualResetEventSlim Ended = new();

    /// <summary>True when the loop ended because of cancellation.</summary>
    public static volatile bool EndedByCancellation;
}

[Collection(KernelCollection.Name)]
public sealed class LiveDisplayTests
{
    [Fact]
    public async Task Updates_replace_the_first_display_in_place_and_wait_for_the_throttle()
    {
        using var kernel = await TestKernel.StartAsync();

        var events = await kernel.SubmitAsync("""
            var clock = new NotebookNet.Interactive.Tests.ManualClock();
            var live = NotebookNet.Interactive.LiveDisplay.Start("<b>0</b>", time: clock);
            bool early = live.TryUpdate(() => "<b>1</b>");
            clock.Advance(TimeSpan.FromMilliseconds(300));
            bool due = live.TryUpdate(() => "<b>2</b>");
            live.Update("<b>done</b>");
            $"{early},{due},{live.UpdateCount}"
            """);

        Assert.Equal("False,True,2", TestKernel.ReturnValue(events, "text/plain"));
        var shown = Assert.Single(events.OfType<DisplayedValueProduced>());
        Assert.Equal("<b>0</b>", Assert.Single(shown.FormattedValues, v => v.MimeType == "text/html").Value);
        var updates = events.OfType<DisplayedValueUpdated>().ToArray();
        Assert.Equal(2, updates.Length);
        Assert.All(updates, u => Assert.Equal(shown.ValueId, u.ValueId));
        Assert.Equal(["<b>2</b>", "<b>done</b>"], updates.Select(u => u.FormattedValues.Single(v => v.MimeType == "text/html").Value));
    }

    [Fact]
    public async Task A_render_error_during_an_update_shows_a_readable_message()
    {
        using var kernel = await TestKernel.StartAsync();

        var events = await kernel.SubmitAsync("""
            var live = NotebookNet.Interactive.LiveDisplay.Start("start", minInterval: TimeSpan.Zero);
            live.TryUpdate(() => throw new ArgumentException("loss is NaN"));
            """);

        Assert.DoesNotContain(events, e => e is CommandFailed);
        var update = Assert.Single(events.OfType<DisplayedValueUpdated>());
        Assert.Contains("NotebookNet could not display this Func`1: ArgumentException: loss is NaN",
            update.FormattedValues.Single(v => v.MimeType == "text/html").Value);
    }

    [Fact]
    public async Task Cancelling_the_cell_stops_a_loop_that_watches_the_live_display()
    {
        using var kernel = await TestKernel.StartAsync();
        CellSignals.Started.Reset();
        CellSignals.Ended.Reset();
        CellSignals.EndedByCancellation = false;

        var run = kernel.Kernel.SendAsync(new SubmitCode("""
            using NotebookNet.Interactive.Tests;
            var live = NotebookNet.Interactive.LiveDisplay.Start("training");
            CellSignals.Started.Set();
            int batch = 0;
            while (!live.Cancellation.IsCancellationRequested && batch < 1200) { System.Threading.Thread.Sleep(25); batch++; }
            CellSignals.EndedByCancellation = live.Cancellation.IsCancellationRequested;
            CellSignals.Ended.Set();
            """));
        Assert.True(await Task.Run(() => CellSignals.Started.Wait(TimeSpan.FromMinutes(2))), "the cell never started");

        await kernel.Kernel.SendAsync(new Cancel());

        Assert.True(await Task.Run(() => CellSignals.Ended.Wait(TimeSpan.FromMinutes(2))), "the loop did not end");
        Assert.True(CellSignals.EndedByCancellation, "the loop ran to its limit instead of stopping at the cancellation");
        var result = await run.WaitAsync(TimeSpan.FromMinutes(1));
        Assert.Contains(result.Events, e => e is CommandFailed);
    }
}
