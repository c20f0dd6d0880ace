using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.Events;

namespace NotebookNet.Interactive.Tests;

/// <summary>The cell's interruption scope, interrupted as Jupyter's Interrupt does (the launcher's SIGUSR1 handler).</summary>
[Collection(KernelCollection.Name)]
public sealed class CellInterruptionTests : IDisposable
{
    private const string XorModel = """
        using NotebookNet;
        var x = Tensor.FromRows([[0f, 0f], [0f, 1f], [1f, 0f], [1f, 1f]]);
        var y = Tensor.FromRows([[0f], [1f], [1f], [0f]]);
        var model = new Sequential(new Shape(2), "xor", seed: 1);
        model.Add(new NotebookNet.Layers.Dense(4, activation: "tanh"));
        model.Add(new NotebookNet.Layers.Dense(1, activation: "sigmoid"));
        model.Compile(new NotebookNet.Optimizers.Sgd(0.5), NotebookNet.Losses.Loss.BinaryCrossEntropy);
        """;

    public void Dispose() => LiveTraining.Disable();

    // Submits the cell, waits for its first batch, interrupts it and returns its events.
    private static async Task<IReadOnlyList<KernelEvent>> InterruptedAsync(TestKernel kernel, string code)
    {
        StartedSignal.FirstBatchDone.Reset();
        var run = kernel.Kernel.SendAsync(new SubmitCode(code));
        Assert.True(await Task.Run(() => StartedSignal.FirstBatchDone.Wait(TimeSpan.FromMinutes(2))), "training never started");
        CellInterruption.InterruptRunningCell();
        return (await run.WaitAsync(TimeSpan.FromMinutes(1))).Events;
    }

    [Fact]
    public async Task An_interrupt_ends_the_fit_and_the_cell_and_leaves_model_and_history_for_the_next_cell()
    {
        using var kernel = await TestKernel.StartAsync();
        await kernel.SubmitAsync(XorModel);

        var events = await InterruptedAsync(kernel,
            "var history = model.Fit(x, y, batchSize: 1, epochs: 1_000_000, callbacks: [new NotebookNet.Interactive.Tests.StartedSignal()]);");

        Assert.DoesNotContain(events, e => e is CommandFailed);
        string final = events.OfType<DisplayedValueUpdated>().Last().FormattedValues.Single(v => v.MimeType == "text/html").Value;
        Assert.Matches(@"Interrupted</b> after \d+ of 1000000 epochs( and [1-3] of 4 batches of epoch \d+)?", final);
        var next = await kernel.SubmitAsync("$\"{history.Interrupted} {history.BatchLosses.Count > 0} {model.Predict(x).Length}\"");
        Assert.Equal("True True 4", TestKernel.ReturnValue(next, "text/plain"));
        var again = await kernel.SubmitAsync("model.Fit(x, y, batchSize: 1, epochs: 2).Interrupted.ToString()");
        Assert.Equal("False", TestKernel.ReturnValue(again, "text/plain"));   // the next cell has a scope of its own
    }

    [Fact]
    public async Task After_an_interrupted_fit_the_cells_next_library_call_fails_with_a_message_saying_so()
    {
        using var kernel = await TestKernel.StartAsync();
        await kernel.SubmitAsync(XorModel);

        var events = await InterruptedAsync(kernel, """
            var history = model.Fit(x, y, batchSize: 1, epochs: 1_000_000, callbacks: [new NotebookNet.Interactive.Tests.StartedSignal()]);
            model.Evaluate(x, y)
            """);

        var failed = Assert.Single(events.OfType<CommandFailed>());
        Assert.Contains("Interrupted: Sequential 'xor'.Evaluate stopped after 0 of 4 samples", failed.Message);
    }

    [Fact]
    public async Task An_interrupt_between_cells_changes_nothing()
    {
        using var kernel = await TestKernel.StartAsync();
        await kernel.SubmitAsync(XorModel);

        CellInterruption.InterruptRunningCell();

        var events = await kernel.SubmitAsync("model.Fit(x, y, batchSize: 1, epochs: 3).Epochs.Count.ToString()");
        Assert.Equal("3", TestKernel.ReturnValue(events, "text/plain"));
    }
}
