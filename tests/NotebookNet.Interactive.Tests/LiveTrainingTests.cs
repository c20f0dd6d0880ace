using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.Events;

namespace NotebookNet.Interactive.Tests;

/// <summary>Lets a test wait until a cell's training has begun.</summary>
public sealed class StartedSignal : NotebookNet.Training.IFitCallback
{
    /// <summary>Set after the first batch.</summary>
    public static readonly ManualResetEventSlim FirstBatchDone = new();

    /// <inheritdoc/>
    public void OnBatchEnd(Sequential model, NotebookNet.Training.BatchProgress progress) => FirstBatchDone.Set();
}

/// <summary>Stops training after <paramref name="batches"/> batches, as an early-stopping callback would.</summary>
public sealed class StopAfterBatches(int batches) : NotebookNet.Training.IFitCallback
{
    private int _seen;

    /// <inheritdoc/>
    public void OnBatchEnd(Sequential model, NotebookNet.Training.BatchProgress progress)
    {
        if (++_seen >= batches) model.StopTraining = true;
    }
}

/// <summary>Moves a test clock forward after every batch, as if each batch took <paramref name="step"/>.</summary>
public sealed class AdvanceClockPerBatch(ManualClock clock, TimeSpan step) : NotebookNet.Training.IFitCallback
{
    /// <inheritdoc/>
    public void OnBatchEnd(Sequential model, NotebookNet.Training.BatchProgress progress) => clock.Advance(step);
}

[Collection(KernelCollection.Name)]
public sealed class LiveTrainingTests : IDisposable
{
    private const string XorModel = """
        using NotebookNet;
        using NotebookNet.Layers;
        using NotebookNet.Losses;
        using NotebookNet.Optimizers;
        var x = Tensor.FromRows([[0f, 0f], [0f, 1f], [1f, 0f], [1f, 1f]]);
        var y = Tensor.FromRows([[0f], [1f], [1f], [0f]]);
        var model = new Sequential(new Shape(2), "xor", seed: 1);
        model.Add(new Dense(4, activation: "tanh"));
        model.Add(new Dense(1, activation: "sigmoid"));
        model.Compile(new Sgd(0.5), Loss.BinaryCrossEntropy);
        """;

    public void Dispose() => LiveTraining.Disable();

    [Fact]
    public async Task Fit_in_a_cell_shows_one_live_output_that_ends_with_the_final_progress_view()
    {
        using var kernel = await TestKernel.StartAsync();

        var events = await kernel.SubmitAsync(XorModel + "\nvar history = model.Fit(x, y, batchSize: 1, epochs: 3);");

        Assert.DoesNotContain(events, e => e is CommandFailed);
        var shown = Assert.Single(events.OfType<DisplayedValueProduced>());
        Assert.Contains("Training <b>xor</b>: 3 epochs of 4 batches", shown.FormattedValues.Single(v => v.MimeType == "text/html").Value);
        var last = events.OfType<DisplayedValueUpdated>().Last();
        Assert.Equal(shown.ValueId, last.ValueId);
        string html = last.FormattedValues.Single(v => v.MimeType == "text/html").Value;
        Assert.Contains("class=\"nn-training-progress\"", html);
        Assert.Contains("<b>Done</b>: 3 epochs", html);
        Assert.Contains("loss per batch · max ", html);   // the loss curve of all 12 batches
    }

    [Fact]
    public async Task Live_updates_show_epoch_batch_speed_and_loss_and_wait_for_the_throttle()
    {
        using var kernel = await TestKernel.StartAsync();
        LiveTraining.Disable();

        // Each batch "takes" 100 ms on the test clock, so with updates at most every 250 ms, the 12 batches give
        // updates after batches 3, 6, 9 and 12 (one initial display, four updates, then the final state).
        var events = await kernel.SubmitAsync(XorModel + """

            var clock = new NotebookNet.Interactive.Tests.ManualClock();
            var live = new NotebookNet.Interactive.LiveTrainingCallback(html => NotebookNet.Interactive.LiveDisplay.Start(html, time: clock));
            var history = model.Fit(x, y, batchSize: 1, epochs: 3,
                callbacks: [new NotebookNet.Interactive.Tests.AdvanceClockPerBatch(clock, TimeSpan.FromMilliseconds(100)), live]);
            """);

        Assert.DoesNotContain(events, e => e is CommandFailed);
        Assert.Single(events.OfType<DisplayedValueProduced>());
        var updates = events.OfType<DisplayedValueUpdated>().Select(u => u.FormattedValues.Single(v => v.MimeType == "text/html").Value).ToArray();
        Assert.Equal(5, updates.Length);
        Assert.Contains(">1/3<", updates[0]);                       // epoch 1 of 3
        Assert.Contains(">3/4<", updates[0]);                       // batch 3 of 4
        Assert.Contains(">2/3<", updates[1]);
        Assert.Contains(">2/4<", updates[1]);
        Assert.All(updates[..4], u => Assert.Contains(" samples/s · elapsed ", u));
        Assert.All(updates[..4], u => Assert.Matches("loss <b>[0-9.]+</b>", u));
        Assert.Contains("<b>Done</b>: 3 epochs", updates[4]);
    }

    [Fact]
    public async Task Training_stopped_early_leaves_a_final_view_that_says_it_was_interrupted()
    {
        using var kernel = await TestKernel.StartAsync();

        var events = await kernel.SubmitAsync(XorModel + """

            var history = model.Fit(x, y, batchSize: 1, epochs: 5, callbacks: [new NotebookNet.Interactive.Tests.StopAfterBatches(6)]);
            history.Interrupted.ToString()
            """);

        Assert.Equal("True", TestKernel.ReturnValue(events, "text/plain"));
        string final = events.OfType<DisplayedValueUpdated>().Last().FormattedValues.Single(v => v.MimeType == "text/html").Value;
        Assert.Contains("Interrupted</b> after 1 of 5 epochs", final);
    }

    [Fact]
    public async Task Fit_outside_a_cell_gets_no_live_display()
    {
        LiveTraining.Enable();
        var model = new Sequential(new Shape(2), "plain", seed: 1);
        model.Add(new NotebookNet.Layers.Dense(1, activation: "sigmoid"));
        model.Compile(new NotebookNet.Optimizers.Sgd(0.1), NotebookNet.Losses.Loss.BinaryCrossEntropy);

        var history = await Task.Run(() => model.Fit(Tensor.FromRows([[0f, 1f]]), Tensor.FromRows([[1f]]), epochs: 2));

        Assert.Equal(2, history.Epochs.Count);
        Assert.False(history.Interrupted);
    }

    [Fact]
    public async Task Cancelling_the_cell_interrupts_training_at_a_batch_boundary()
    {
        using var kernel = await TestKernel.StartAsync();
        StartedSignal.FirstBatchDone.Reset();
        CellSignals.Ended.Reset();
        CellSignals.EndedByCancellation = false;

        var run = kernel.Kernel.SendAsync(new SubmitCode(XorModel + """

            var history = model.Fit(x, y, batchSize: 1, epochs: 1_000_000, callbacks: [new NotebookNet.Interactive.Tests.StartedSignal()]);
            NotebookNet.Interactive.Tests.CellSignals.EndedByCancellation = history.Interrupted && history.Epochs.Count < 1_000_000;
            NotebookNet.Interactive.Tests.CellSignals.Ended.Set();
            """));
        Assert.True(await Task.Run(() => StartedSignal.FirstBatchDone.Wait(TimeSpan.FromMinutes(2))), "training never started");

        await kernel.Kernel.SendAsync(new Cancel());

        Assert.True(await Task.Run(() => CellSignals.Ended.Wait(TimeSpan.FromMinutes(2))), "training did not stop");
        Assert.True(CellSignals.EndedByCancellation, "History does not say Interrupted");
        // The kernel ends a cancelled cell at once and drops what it publishes afterwards, so the final
        // "Interrupted" view cannot reach the front end here (an early stop shows it: see the test above).
        await run.WaitAsync(TimeSpan.FromMinutes(1));
    }
}
