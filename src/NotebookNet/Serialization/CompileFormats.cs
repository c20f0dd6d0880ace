using System.Text.Json.Nodes;
using NotebookNet.Initializers;
using NotebookNet.Losses;
using NotebookNet.Metrics;
using NotebookNet.Optimizers;

namespace NotebookNet.Serialization;

/// <summary>
/// What Compile was given, as plain data in a model file: the optimizer and its settings, the loss and the metrics
/// by their Keras names, and the kernel initializers by name. Each is a closed, explicit table, like
/// <see cref="LayerFormats"/>.
/// </summary>
internal static class CompileFormats
{
    private static readonly Dictionary<string, Func<Loss>> Losses = new Func<Loss>[]
    {
        () => Loss.MeanSquaredError, () => Loss.BinaryCrossEntropy, () => Loss.CategoricalCrossEntropy, () => Loss.SparseCategoricalCrossEntropy,
    }.ToDictionary(f => f().Name);

    private static readonly Dictionary<string, Func<Metric>> MetricsByName = new Func<Metric>[] { () => Metric.Accuracy }.ToDictionary(f => f().Name);

    private static readonly (string Name, Initializer Value)[] KnownInitializers =
    [
        ("glorot_uniform", NotebookNet.Initializers.Initializer.GlorotUniform), ("he_normal", NotebookNet.Initializers.Initializer.HeNormal),
        ("he_uniform", NotebookNet.Initializers.Initializer.HeUniform), ("zeros", NotebookNet.Initializers.Initializer.Zeros),
    ];

    public static IEnumerable<string> InitializerNames => KnownInitializers.Select(i => i.Name);

    public static string? InitializerName(Initializer initializer) =>
        KnownInitializers.FirstOrDefault(i => i.Value.GetType() == initializer.GetType()).Name;

    public static Initializer? FindInitializer(string name) => KnownInitializers.FirstOrDefault(i => i.Name == name).Value;

    /// <summary>The compile section of a model's header; fails for an optimizer, loss or metric of the user's own.</summary>
    public static JsonObject Write(Sequential model) => new()
    {
        ["optimizer"] = WriteOptimizer(model.Optimizer),
        ["loss"] = Known(model.Loss.Name, Losses.ContainsKey(model.Loss.Name) && Losses[model.Loss.Name]().GetType() == model.Loss.GetType(), "loss"),
        ["metrics"] = new JsonArray(model.Metrics.Select(m =>
            (JsonNode?)Known(m.Name, MetricsByName.ContainsKey(m.Name) && MetricsByName[m.Name]().GetType() == m.GetType(), "metric")).ToArray()),
    };

    public static Optimizer ReadOptimizer(LayerConfig c)
    {
        string type = c.Json["type"]?.GetValueKind() == System.Text.Json.JsonValueKind.String ? c.Json["type"]!.GetValue<string>() : "";
        return type switch
        {
            "adam" => new Adam(c.Double("learning_rate"), c.Double("beta_1"), c.Double("beta_2"), c.Double("epsilon")),
            "sgd" => new Sgd(c.Double("learning_rate"), c.Double("momentum"), c.Bool("nesterov")),
            _ => throw new InvalidDataException($"{c.Json.ToJsonString()}: unknown optimizer type '{type}'; known are adam, sgd."),
        };
    }

    public static Loss ReadLoss(string name) =>
        Losses.TryGetValue(name, out var f) ? f() : throw new InvalidDataException($"unknown loss '{name}'; known are {string.Join(", ", Losses.Keys)}.");

    public static Metric ReadMetric(string name) =>
        MetricsByName.TryGetValue(name, out var f) ? f() : throw new InvalidDataException($"unknown metric '{name}'; known are {string.Join(", ", MetricsByName.Keys)}.");

    private static JsonObject WriteOptimizer(Optimizer optimizer) => optimizer switch
    {
        Adam a => new JsonObject
        {
            ["type"] = "adam", ["learning_rate"] = a.LearningRate, ["beta_1"] = a.Beta1, ["beta_2"] = a.Beta2, ["epsilon"] = a.Epsilon,
        },
        Sgd s => new JsonObject { ["type"] = "sgd", ["learning_rate"] = s.LearningRate, ["momentum"] = s.Momentum, ["nesterov"] = s.Nesterov },
        _ => throw new NotSupportedException(
            $"The optimizer {optimizer.GetType().Name} cannot be saved in a model file (known: Adam, Sgd). Use SaveWeights instead."),
    };

    private static string Known(string name, bool known, string what) => known ? name : throw new NotSupportedException(
        $"The {what} '{name}' is not one NotebookNet knows, so it cannot be saved in a model file. Use SaveWeights instead.");
}
