using NotebookNet.Layers;

namespace NotebookNet.Visualization;

/// <summary>One layer of a <see cref="ModelGraph"/>: what its box shows.</summary>
/// <param name="Name">The layer's name, e.g. "conv2d".</param>
/// <param name="TypeName">The layer's type, e.g. "Conv2D".</param>
/// <param name="Activation">The activation fused into the layer (e.g. "relu"), or null.</param>
/// <param name="InputShape">Shape of one input sample.</param>
/// <param name="OutputShape">Shape of one output sample.</param>
/// <param name="ParameterCount">Values the layer holds (trainable and not), as the summary counts them.</param>
/// <param name="NonTrainableCount">How many of them are not trained (BatchNormalization's moving statistics).</param>
/// <param name="Parameters">Name and shape of each trainable parameter: Backward gives a gradient of that shape.</param>
public sealed record GraphLayer(string Name, string TypeName, string? Activation, Shape InputShape, Shape OutputShape,
    long ParameterCount, long NonTrainableCount, IReadOnlyList<(string Name, Shape Shape)> Parameters);

/// <summary>
/// The computation graph Compile makes for a <see cref="Sequential"/> model, as data for
/// <see cref="ModelGraphRenderer"/>: the input, each layer with its shapes and parameters, and the loss that the
/// backward pass starts from. Every number comes from the compiled model.
/// </summary>
/// <param name="ModelName">The model's name.</param>
/// <param name="InputShape">Shape of one input sample.</param>
/// <param name="Layers">The layers in forward order.</param>
/// <param name="Loss">The loss given to Compile (e.g. "categorical_crossentropy"), or null before Compile.</param>
/// <param name="Optimizer">The optimizer given to Compile (e.g. "Adam(learning_rate=0.001)"), or null before Compile.</param>
public sealed record ModelGraph(string ModelName, Shape InputShape, IReadOnlyList<GraphLayer> Layers, string? Loss, string? Optimizer)
{
    /// <summary>Gathers the graph of <paramref name="model"/> (its summary builds the layers if Compile has not run).</summary>
    public static ModelGraph From(Sequential model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var summary = model.Summary();
        var layers = model.Layers.Select((l, i) => new GraphLayer(l.Name, l.TypeName,
            l is WeightedLayer { Activation: { } a } ? a.TypeName.ToLowerInvariant() : null,
            l.InputShape, summary.Rows[i].OutputShape, summary.Rows[i].ParameterCount, summary.Rows[i].NonTrainableCount,
            l.Parameters.Select(p => (p.Name, new Shape(p.Value.Shape))).ToList())).ToList();
        return new ModelGraph(model.Name, model.InputShape, layers,
            model.IsCompiled ? model.Loss.Name : null, model.IsCompiled ? model.Optimizer.ToString() : null);
    }
}
