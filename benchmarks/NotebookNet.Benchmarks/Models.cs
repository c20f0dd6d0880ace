using NotebookNet.Layers;

namespace NotebookNet.Benchmarks;

/// <summary>One benchmarked model: how to build it, and a reference figure for libtorch on it (not measured here).</summary>
/// <param name="Name">Short name used in tables and on the command line.</param>
/// <param name="Layers">The layers after the (28, 28, 1) input.</param>
/// <param name="ReferenceLibtorch">libtorch's training samples/s at batch 32 and 128 as <see cref="LibtorchReference"/>
/// describes: figures from elsewhere, never a verdict on this run.</param>
internal sealed record ModelSpec(string Name, Func<Layer[]> Layers, (double Batch32, double Batch128) ReferenceLibtorch)
{
    public Sequential Build() => new(Layers(), new Shape(28, 28, 1), Name.ToLowerInvariant(), seed: 7);

    /// <summary>The reference figure for <paramref name="batch"/> (null for batch sizes it was not measured at).</summary>
    public double? ReferenceAt(int batch) => batch switch { 32 => ReferenceLibtorch.Batch32, 128 => ReferenceLibtorch.Batch128, _ => null };
}

/// <summary>Where the libtorch figures come from. They were not measured in this run, on this machine.</summary>
internal static class LibtorchReference
{
    public const string Source = "issue 3, \"Fast training on two CPU cores\" (its table of targets)";

    public const string Peer = "libtorch 2.10 CPU through TorchSharp-cpu 0.107, training, 2 threads";

    public const string Machine = "another machine of this 2-core cloud class (CPU model not recorded)";

    public const string Date = "November 2026";

    /// <summary>The note printed under every table that shows the figures.</summary>
    public static string Note => string.Join(Environment.NewLine,
        $"libtorch ref. = reference figures, NOT measured in this run: {Peer};",
        $"  source: {Source}; measured on {Machine}, {Date}.",
        "× ref. divides this run's 2-thread median by them: an indication only (another machine, another load), never a",
        "  pass or fail. To compare with libtorch, measure it in the same run on the same machine.");
}

/// <summary>The lecture's models (see the issue "Fast training on two CPU cores"), and their FLOP counts.</summary>
internal static class Models
{
    public static IReadOnlyList<ModelSpec> All { get; } =
    [
        new("MLP", () => [new Flatten(), new Dense(128, "relu"), new Dense(10, "softmax")], (33_000, 99_000)),
        new("CNN1", () => [new Conv2D(32, 3, activation: "relu"), new MaxPooling2D(2), new Flatten(), new Dense(10, "softmax")],
            (4_000, 4_000)),
        new("CNN2", () => [new Conv2D(32, 3, activation: "relu"), new MaxPooling2D(2), new Conv2D(64, 3, activation: "relu"),
            new MaxPooling2D(2), new Flatten(), new Dense(10, "softmax")], (2_300, 1_800)),
        // The source gives 12k–17k samples/s for this model; the low end is shown for batch 32, the high end for batch 128.
        new("Strided", () => [new Conv2D(32, 3, strides: 2, activation: "relu"), new Flatten(), new Dense(10, "softmax")],
            (12_000, 17_000)),
    ];

    public static ModelSpec Find(string name) =>
        All.FirstOrDefault(m => m.Name.Equals(name, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"Unknown model '{name}'; the models are {string.Join(", ", All.Select(m => m.Name))}.");

    /// <summary>
    /// Multiply-adds per sample of each layer with weights: Dense inputs·units, Conv2D OutH·OutW·filters·KH·KW·InC
    /// (every window position counted whole). Pooling, activations, bias and loss are left out (a few % at most).
    /// </summary>
    public static List<long> MultiplyAdds(Sequential model)
    {
        var macs = new List<long>();
        foreach (var layer in model.Layers)
        {
            switch (layer)
            {
                case Dense d:
                    macs.Add((long)d.InputShape[0] * d.Units);
                    break;
                case Conv2D c:
                    macs.Add((long)c.OutputShape[0] * c.OutputShape[1] * c.Filters * c.KernelSize.Height * c.KernelSize.Width * c.InputShape[2]);
                    break;
            }
        }
        return macs;
    }

    /// <summary>FLOPs of one inference sample: 2 per multiply-add.</summary>
    public static double InferenceFlops(Sequential model) => 2.0 * MultiplyAdds(model).Sum();

    /// <summary>
    /// FLOPs of one training sample: forward, weight gradient and input gradient are one product each of the same size,
    /// except that the first layer with weights needs no input gradient (nothing below it learns; libtorch skips it too).
    /// </summary>
    public static double TrainingFlops(Sequential model)
    {
        var macs = MultiplyAdds(model);
        return macs.Count == 0 ? 0 : 2.0 * (3 * macs.Sum() - macs[0]);
    }
}
