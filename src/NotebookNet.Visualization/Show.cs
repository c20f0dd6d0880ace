using NotebookNet.Inspection;
using NotebookNet.Layers;
using NotebookNet.Training;

namespace NotebookNet.Visualization;

/// <summary>
/// One-line pictures for notebook cells: each method returns a <see cref="Figure"/> that the kernel extension shows
/// when a cell ends with it. Every method only gathers what the renderers need from library objects.
/// </summary>
/// <example><code>
/// Show.Filters(model.Layers[0])                  // the learned 3×3 filters of the first conv layer
/// Show.FeatureMaps(model, mnist.Test.Image(0), 0)
/// Show.History(history)
/// </code></example>
public static class Show
{
    /// <summary>The model's summary table with each layer's share of the weights.</summary>
    public static Figure Summary(Sequential model) => new(ModelSummaryRenderer.ToHtml(model.Summary()));

    /// <summary>
    /// The computation graph Compile made, as Keras's <c>plot_model(show_shapes=True)</c>: a box per layer with its type,
    /// shapes and parameter count, arrows for the forward pass; with <paramref name="backward"/> also the gradients
    /// flowing back from the loss, with their shapes.
    /// </summary>
    public static Figure Graph(Sequential model, bool backward = false) =>
        new(ModelGraphRenderer.ToHtml(ModelGraph.From(model), backward));

    /// <summary>Weight counts of several models on one scale (the lecture's dense → localized → shared ladder).</summary>
    public static Figure WeightCounts(params (string Name, Sequential Model)[] models) =>
        new(ParameterComparison.ToHtml(models.Select(m => (m.Name, m.Model.Summary()))));

    /// <summary>One grayscale image <c>[H, W]</c>, <c>[H, W, 1]</c> or <c>[1, H, W, 1]</c> with values in [0, 1].</summary>
    public static Figure Image(Tensor image, string? caption = null, int scale = 8)
    {
        var plane = Plane2D(image, nameof(image));
        return Figure.WithPng(TensorImage.GrayscaleHtml(plane, scale, caption), TensorImage.Grayscale(plane, scale).ToPng());
    }

    /// <summary>The first <paramref name="count"/> images of a batch <c>[N, H, W, 1]</c> in a row, labelled when labels are given.</summary>
    public static Figure Images(Tensor images, int[]? labels = null, int count = 10, int scale = 3) =>
        new(ImageStrip.ToHtml(images, labels, count, scale));


    /// <summary>Many small images of one size in one picture, <paramref name="columns"/> per row.</summary>
    public static Figure Mosaic(IEnumerable<Tensor> tiles, int columns, string? caption = null, int scale = 4)
    {
        ArgumentNullException.ThrowIfNull(tiles);
        var list = tiles.ToList();
        return Figure.WithPng(ImageMosaic.ToHtml(list, columns, scale, caption), ImageMosaic.ToImage(list, columns, scale).ToPng());
    }

    /// <summary>Images in a grid of <paramref name="columns"/> per row, each with its caption.</summary>
    public static Figure Grid(IEnumerable<Tensor> images, IEnumerable<string> captions, int columns, int scale = 4)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(captions);
        return new(ImageGrid.ToHtml(images.ToList(), captions.ToList(), columns, scale));
    }

    /// <summary>Where gradient reaches a convolution, on the image it was traced for (sample 0 of the batch).</summary>
    public static Figure Coverage(GradientCoverage coverage, Tensor image, int scale = 8)
    {
        var overlay = CoverageOverlay.ToTensor(coverage, image);
        return Figure.WithPng(CoverageOverlay.ToHtml(coverage, image, scale), TensorImage.Grayscale(overlay, scale).ToPng());
    }

    /// <summary>Weights (any 2-D slice) in a diverging colour map centred on zero, with its scale.</summary>
    public static Figure Weights(Tensor weights, string? caption = null, int scale = 16)
    {
        var plane = Plane2D(weights, nameof(weights));
        return Figure.WithPng(TensorImage.DivergingHtml(plane, scale, caption: caption), TensorImage.Diverging(plane, scale).ToPng());
    }

    /// <summary>Every filter × input channel of a Conv2D layer, on one colour scale.</summary>
    public static Figure Filters(Layer convLayer)
    {
        ArgumentNullException.ThrowIfNull(convLayer);
        var kernel = convLayer switch
        {
            Conv2D c => c.Kernel.Value,
            _ => throw new ArgumentException($"Show.Filters needs a Conv2D layer; '{convLayer.Name}' is a {convLayer.TypeName}.", nameof(convLayer)),
        };
        return Figure.WithPng(FilterGrid.ToHtml(kernel, convLayer.Name), FilterGrid.ToImage(kernel).ToPng());
    }

    /// <summary>The feature maps of layer <paramref name="layerIndex"/> for one input (<c>[H, W, C]</c> or <c>[1, H, W, C]</c>).</summary>
    public static Figure FeatureMaps(Sequential model, Tensor image, int layerIndex)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(image);
        var batch = image.Rank == model.InputShape.Rank ? image.Reshape(model.InputShape.WithBatch(1)) : image;
        var maps = model.Activations(batch, layerIndex);
        if (maps.Rank != 4)
            throw new ArgumentException($"Show.FeatureMaps: layer {layerIndex} '{model.Layers[layerIndex].Name}' outputs {maps.ShapeString}, not feature maps [1, H, W, C].", nameof(layerIndex));
        var one = maps.Reshape(maps.Shape[1..]);
        var input = batch.Reshape(batch.Shape[1..]);
        return Figure.WithPng(Visualization.FeatureMaps.ToHtml(one, model.Layers[layerIndex].Name, input), Visualization.FeatureMaps.ToImage(one).ToPng());
    }

    /// <summary>Loss and accuracy per epoch and loss per batch: Plotly charts with static SVG copies.</summary>
    public static Figure History(History history) => new(TrainingCharts.ToHtml(history));

    /// <summary>Several runs on one chart per quantity (loss, each metric, and their validation values), one colour
    /// per run: to compare models trained alike.</summary>
    public static Figure Histories(IEnumerable<(string Name, History History)> runs) => new(TrainingCharts.Compare(runs));

    /// <summary>A confusion matrix with counts, for digits (or as many classes as the labels use).</summary>
    public static Figure ConfusionMatrix(int[] trueLabels, int[] predicted)
    {
        ArgumentNullException.ThrowIfNull(trueLabels);
        ArgumentNullException.ThrowIfNull(predicted);
        int classes = Math.Max(trueLabels.DefaultIfEmpty(0).Max(), predicted.DefaultIfEmpty(0).Max()) + 1;
        var names = classes <= 10 ? Visualization.ConfusionMatrix.Digits.Take(Math.Max(classes, 10)).ToList()
                                  : Enumerable.Range(0, classes).Select(i => i.ToString()).ToList();
        return new(ConfusionMatrixRenderer.ToHtml(trueLabels, predicted, names));
    }

    /// <summary>The misclassified samples with their true and predicted labels and the model's confidence.</summary>
    public static Figure Misclassified(Tensor images, int[] trueLabels, Tensor probabilities, int max = 24) =>
        new(MisclassifiedGallery.ToHtml(images, trueLabels, probabilities, max: max));

    /// <summary>The decision regions of a two-input model with the labelled points on top.</summary>
    public static Figure DecisionBoundary(Func<float, float, float> predict, Tensor points, int[] labels, string? caption = null) =>
        new(Visualization.DecisionBoundary.ToHtml(predict, points, labels,
            caption is null ? null : new DecisionBoundaryOptions { Title = caption }));

    /// <summary>The decision regions of a two-input Sequential model.</summary>
    public static Figure DecisionBoundary(Sequential model, Tensor points, int[] labels, string? caption = null) =>
        new(Visualization.DecisionBoundary.ToHtml(x => model.Predict(x), points, labels,
            caption is null ? null : new DecisionBoundaryOptions { Title = caption }));

    /// <summary>A gradient-descent path over the contours of a loss surface f(x, y).</summary>
    public static Figure GradientDescent(Func<double, double, double> f, IReadOnlyList<(double X, double Y)> path,
        (double Min, double Max) xRange, (double Min, double Max) yRange, string? caption = null) =>
        new(LossSurface.ToHtml(f, path, xRange, yRange, caption is null ? null : new LossSurfaceOptions { Title = caption }));

    /// <summary>Several figures side by side (wrapping to the next line when the page is narrow).</summary>
    public static Figure Row(params Figure[] figures)
    {
        ArgumentNullException.ThrowIfNull(figures);
        return new(FigureLayout.Row(figures.Select(f => f.Html)));
    }


    /// <summary>Curves y(x) on one chart, e.g. a target function and a network's fit: each series is a name, its xs and its ys.</summary>
    public static Figure Curve(string title, params (string Name, IReadOnlyList<double> X, IReadOnlyList<double> Y)[] series) =>
        new(CurveChart.ToHtml(title, series));


    /// <summary>A plain table, e.g. to compare architectures; numbers are formatted with thousands separators.</summary>
    public static Figure Table(string[] headers, IEnumerable<object[]> rows) => new(TableRenderer.ToHtml(headers, rows));


    private static Tensor Plane2D(Tensor t, string argument)
    {
        ArgumentNullException.ThrowIfNull(t, argument);
        var dims = t.Shape.Where(d => d != 1).ToArray();
        if (dims.Length == 2) return t.Reshape(dims);
        if (t.Rank == 2) return t;
        throw new ArgumentException($"Expected one 2-D picture ([H, W], [H, W, 1] or [1, H, W, 1]); received {t.ShapeString}.", argument);
    }

}
