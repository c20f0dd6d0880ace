namespace NotebookNet.Visualization;

/// <summary>
/// The fixed colours of every figure, so a notebook reads consistently: training is always blue,
/// validation always orange, class <c>k</c> always <see cref="Class"/>(k).
/// </summary>
public static class Palette
{
    private static readonly Rgb[] Categorical =
    [
        // Tableau 10: distinguishable for the common forms of colour blindness.
        Rgb.FromHex("#4e79a7"), Rgb.FromHex("#f28e2b"), Rgb.FromHex("#e15759"), Rgb.FromHex("#76b7b2"),
        Rgb.FromHex("#59a14f"), Rgb.FromHex("#edc948"), Rgb.FromHex("#b07aa1"), Rgb.FromHex("#ff9da7"),
        Rgb.FromHex("#9c755f"), Rgb.FromHex("#bab0ac"),
    ];

    /// <summary>Training curves (loss, accuracy): blue.</summary>
    public static Rgb Training { get; } = Rgb.FromHex("#1f77b4");

    /// <summary>Validation curves (val_loss, val_accuracy): orange.</summary>
    public static Rgb Validation { get; } = Rgb.FromHex("#ff7f0e");

    /// <summary>Per-batch loss (noisy, drawn thin): light blue.</summary>
    public static Rgb Batch { get; } = Rgb.FromHex("#9ecae1");

    /// <summary>Text and axes: near-black.</summary>
    public static Rgb Ink { get; } = Rgb.FromHex("#222222");

    /// <summary>Secondary text, tick labels: grey.</summary>
    public static Rgb MutedInk { get; } = Rgb.FromHex("#666666");

    /// <summary>Grid lines and borders: light grey.</summary>
    public static Rgb Grid { get; } = Rgb.FromHex("#e3e3e3");

    /// <summary>Highlights: wrong predictions, the gradient-descent path.</summary>
    public static Rgb Alert { get; } = Rgb.FromHex("#d62728");

    /// <summary>The colour of class <paramref name="index"/> (cycles after ten classes).</summary>
    public static Rgb Class(int index) => Categorical[((index % Categorical.Length) + Categorical.Length) % Categorical.Length];
}
