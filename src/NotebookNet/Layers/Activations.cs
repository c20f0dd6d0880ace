namespace NotebookNet.Layers;

/// <summary>
/// Turns Keras's activation names into layers: "relu", "sigmoid", "tanh", "softmax", and "linear" (or null)
/// for none. Dense, Conv2D and LocallyConnected2D use it for their <c>activation</c> argument.
/// </summary>
/// <example><code>Layer? relu = Activations.Create("relu", "conv_relu");   // a ReLU layer
/// Layer? none = Activations.Create("linear", null);        // null</code></example>
public static class Activations
{
    /// <summary>The names <see cref="Create"/> accepts (case-insensitive); "linear" and null mean no activation.</summary>
    public static IReadOnlyList<string> Names { get; } = ["relu", "sigmoid", "tanh", "softmax", "linear"];

    /// <summary>
    /// The activation layer called <paramref name="name"/>, named <paramref name="layerName"/>, or null for
    /// "linear"/null. An unknown name throws <see cref="ArgumentException"/> listing the valid ones.
    /// </summary>
    public static Layer? Create(string? name, string? layerName) => CreateFor(null, name, layerName);

    /// <summary>As <see cref="Create"/>, with the error naming <paramref name="owner"/> (e.g. "Dense").</summary>
    internal static Layer? CreateFor(string? owner, string? name, string? layerName) =>
        name?.Trim().ToLowerInvariant() switch
        {
            null or "linear" => null,
            "relu" => new ReLU(layerName),
            "sigmoid" => new Sigmoid(layerName),
            "tanh" => new Tanh(layerName),
            "softmax" => new Softmax(layerName),
            _ => throw new ArgumentException(
                $"{owner ?? "Activations.Create"}: received activation='{name}'; valid activations are " +
                string.Join(", ", Names.Select(n => $"'{n}'")) + " (or null for none).", nameof(name)),
        };
}
