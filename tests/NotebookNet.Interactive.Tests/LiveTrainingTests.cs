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
    public async Task Fit_in_a_cell_shows_one_live_output_that_ends_with_every_epoch()
    {
        using var kernel = await TestKernel.StartAsync();

        var events = await kernel.SubmitAsync(XorModel + "\nvar history = model.Fit(x, y, batchSize: 1, epochs: 3);");

        Assert.DoesNotContain(events, e => e is CommandFailed);
        var shown = Assert.Single(events.OfType<DisplayedValueProduced>());
        Assert.Contains("Training <b>xor</b>: 3 epochs of 4 batches", shown.FormattedValues.Single(v => v.MimeType == "text/html").Value);
        var last = events.OfType<DisplayedValueUpdated>().Last();
        Assert.Equal(shown.ValueId, last.ValueId);
        string html = last.FormattedValues.Single(v => v.MimeType == "text/html").Value;
        Assert.Contains("Trained 3 epochs.", html);
        Assert.Contains("Epoch 3 - ", html);
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
        await run.WaitAsync(TimeSpan.FromMinutes(1));
    }
}
