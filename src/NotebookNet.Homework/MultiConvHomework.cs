using System.Globalization;
using NotebookNet.Data;
using NotebookNet.Layers;

namespace NotebookNet.Homework;

/// <summary>A Conv2D → MaxPooling2D stage: one or more convolutions (with activations or dropout between them)
/// followed by one max pooling.</summary>
/// <param name="Convolutions">The Conv2D layers of the stage, in order.</param>
/// <param name="Pooling">The MaxPooling2D that closes the stage.</param>
public sealed record ConvStage(IReadOnlyList<Conv2D> Convolutions, MaxPooling2D Pooling)
{
    /// <summary>E.g. "conv2d → max_pooling2d".</summary>
    public override string ToString() => string.Join(" → ", Convolutions.Select(c => c.Name).Append(Pooling.Name));
}

/// <summary>
/// The lecture's homework, "multiple conv + max pooling layers", checked without a kernel: a MNIST classifier with at
/// least <see cref="RequiredStages"/> Conv2D → MaxPooling2D stages before Flatten, at most <see cref="ParameterBudget"/>
/// weights, and at least <see cref="RequiredAccuracy"/> accuracy on the full MNIST test set.
/// </summary>
/// <remarks>
/// Why a budget of 100,000: it is about what one hidden Dense layer of 128 units costs on raw pixels
/// ((784 + 1)·128 + (128 + 1)·10 = 101,770), a model that stays below 98.5 %. It also rules out reaching the target
/// with one conv stage and a big Dense layer behind it (one 2×2 pooling of 26×26×32 feature maps leaves 5,408 values,
/// and Dense(128) on them alone costs 692,352). Shared weights plus a second pooling stage fit easily: the reference
/// solution uses 12,810.
/// </remarks>
/// <example><code>
/// MultiConvHomework.CheckArchitecture(model).ThrowIfFailed();         // before training: stages, head, budget
/// var report = MultiConvHomework.Check(model, Mnist.Load().Test);      // after training: also the accuracy
/// Console.WriteLine(report);
/// report.ThrowIfFailed();
/// </code></example>
public static class MultiConvHomework
{
    /// <summary>The homework's title.</summary>
    public const string Title = "Homework: multiple Conv2D + MaxPooling2D stages on MNIST";

    /// <summary>Conv2D → MaxPooling2D stages required before Flatten.</summary>
    public const int RequiredStages = 2;

    /// <summary>Most trainable parameters allowed (see the remarks for why).</summary>
    public const long ParameterBudget = 100_000;

    /// <summary>Least accuracy on the full MNIST test set, as a fraction.</summary>
    public const double RequiredAccuracy = 0.985;

    /// <summary>Images in the full MNIST test set.</summary>
    public const int FullTestSetSize = 10_000;

    /// <summary>Name of the criterion on the conv stages.</summary>
    public const string StagesCriterion = "Conv2D → MaxPooling2D stages";

    /// <summary>Name of the criterion on Flatten and the classifier layer.</summary>
    public const string HeadCriterion = "Flatten → Dense(10, softmax)";

    /// <summary>Name of the criterion on the parameter count.</summary>
    public const string BudgetCriterion = "Parameter budget";

    /// <summary>Name of the criterion on the test accuracy.</summary>
    public const string AccuracyCriterion = "Test accuracy";

    /// <summary>Checks what can be checked before training: the stages, the head and the budget.</summary>
    public static HomeworkReport CheckArchitecture(Sequential model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return new HomeworkReport(Title, ArchitectureCriteria(model));
    }

    /// <summary>Every criterion: the architecture's three and the accuracy of <paramref name="model"/> on
    /// <paramref name="test"/>, which must be the full MNIST test set (<c>Mnist.Load().Test</c>).</summary>
    public static HomeworkReport Check(Sequential model, MnistSet test)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(test);
        return new HomeworkReport(Title, [.. ArchitectureCriteria(model), EvaluateAccuracy(model, test)]);
    }

    /// <summary>The accuracy criterion for given predictions (one class per image of <paramref name="test"/>).</summary>
    public static HomeworkCriterion CheckAccuracy(IReadOnlyList<int> predicted, MnistSet test)
    {
        ArgumentNullException.ThrowIfNull(predicted);
        ArgumentNullException.ThrowIfNull(test);
        if (predicted.Count != test.Count)
            throw new ArgumentException($"{predicted.Count} predictions for {test.Count} test images; give one class per image.", nameof(predicted));
        if (test.Name != "test" || test.Count != FullTestSetSize)
            return Fail(AccuracyCriterion, $"Evaluated on {Count(test.Count)} {test.Name} images; the task asks for the full MNIST test set " +
                $"of {Count(FullTestSetSize)} images. Pass Mnist.Load().Test, not a subset or the training set.");
        return AccuracyOf(predicted, test.Labels);
    }

    /// <summary>
    /// The grader's check of a trained model, e.g. one loaded from the file a notebook handed in: the architecture's
    /// three criteria and the accuracy on <paramref name="test"/>, the teacher's own test set (any size).
    /// </summary>
    public static HomeworkReport CheckModel(Sequential model, GradingTestSet test)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(test);
        HomeworkCriterion accuracy;
        try
        {
            accuracy = AccuracyOf(model.PredictClasses(test.Images), test.Labels);
        }
        catch (Exception e) when (e is ShapeMismatchException or ArgumentException or InvalidOperationException)
        {
            accuracy = Fail(AccuracyCriterion, $"The model cannot classify the test images: {e.Message}");
        }
        return new HomeworkReport(Title, [.. ArchitectureCriteria(model), accuracy]);
    }

    private static HomeworkCriterion AccuracyOf(IReadOnlyList<int> predicted, int[] labels)
    {
        int correct = 0;
        for (int i = 0; i < predicted.Count; i++) if (predicted[i] == labels[i]) correct++;
        double accuracy = (double)correct / labels.Length;
        string found = $"{Percent(accuracy)} ({Count(correct)} of {Count(labels.Length)} test images correct); required ≥ {Percent(RequiredAccuracy)}.";
        if (accuracy >= RequiredAccuracy) return new HomeworkCriterion(AccuracyCriterion, true, found);
        string advice = accuracy < 0.2
            ? " That is chance level: was the model trained (model.Fit) after Compile?"
            : " Train on all 60,000 training images for another epoch, lower the learning rate for the last epoch, " +
              "or give the model a little more capacity within the budget (more filters, or a small Dense layer before the output).";
        return Fail(AccuracyCriterion, found + advice);
    }

    /// <summary>The Conv2D → MaxPooling2D stages before the first Flatten, in order.</summary>
    public static IReadOnlyList<ConvStage> FindStages(Sequential model) => Walk(model).Stages;

    private static HomeworkCriterion[] ArchitectureCriteria(Sequential model)
    {
        if (model.Layers.Count > 0) return [CheckStages(model), CheckHead(model), CheckBudget(model)];
        const string empty = "The model has no layers yet: add them with model.Add(...).";
        return [Fail(StagesCriterion, empty), Fail(HeadCriterion, empty), Fail(BudgetCriterion, empty)];
    }

    private static HomeworkCriterion CheckStages(Sequential model)
    {
        var walk = Walk(model);
        int n = walk.Stages.Count;
        string found = n == 0 ? "Found no Conv2D→MaxPooling2D stage"
            : $"Found {n} Conv2D→MaxPooling2D stage{(n == 1 ? "" : "s")} ({string.Join("), (", walk.Stages)})";
        string notes = string.Concat(walk.Notes.Select(note => " " + note));
        if (n >= RequiredStages) return new HomeworkCriterion(StagesCriterion, true, found + "." + notes);
        string advice = n == 0
            ? " Start with Conv2D(16, 3, activation: \"relu\") followed by MaxPooling2D(2), then add a second such pair, both before Flatten."
            : " Add another Conv2D followed by MaxPooling2D before Flatten.";
        return Fail(StagesCriterion, $"{found}; the task asks for at least {RequiredStages}.{advice}{notes}");
    }

    private static HomeworkCriterion CheckHead(Sequential model)
    {
        var layers = model.Layers;
        int flatten = IndexOf<Flatten>(layers);
        if (flatten < 0)
            return Fail(HeadCriterion, "No Flatten layer: Dense takes one vector per sample, so the (height, width, channels) feature maps " +
                "must be flattened first. Add Flatten() after the last MaxPooling2D, before Dense.");
        if (!EndsInSoftmaxOverTenDigits(layers, out string last))
            return Fail(HeadCriterion, $"The last layer is {last}; the task asks for Dense(10, activation: \"softmax\") at the end: one probability per digit.");
        return new HomeworkCriterion(HeadCriterion, true, $"{layers[flatten].Name}, then {last} gives one probability per digit.");
    }

    private static HomeworkCriterion CheckBudget(Sequential model)
    {
        ModelSummary summary;
        try
        {
            summary = model.Summary();
        }
        catch (Exception e) when (e is ShapeMismatchException or InvalidOperationException or ArgumentException)
        {
            return Fail(BudgetCriterion, $"Cannot count the parameters because the model does not build: {e.Message}");
        }
        long total = summary.TotalParameters;
        var biggest = summary.Rows.MaxBy(r => r.ParameterCount)!;
        string found = $"{Count(total)} parameters (largest: {biggest.LayerName}, {biggest.ParameterFormula})";
        if (total <= ParameterBudget) return new HomeworkCriterion(BudgetCriterion, true, $"{found}; budget ≤ {Count(ParameterBudget)}.");
        return Fail(BudgetCriterion, $"{found}: {Count(total - ParameterBudget)} over the budget of {Count(ParameterBudget)}. " +
            $"Shrink {biggest.LayerName}: fewer units or filters, or one more Conv2D→MaxPooling2D stage before Flatten so that fewer values reach the Dense layer.");
    }

    private static HomeworkCriterion EvaluateAccuracy(Sequential model, MnistSet test)
    {
        if (model.Layers.Count == 0)
            return Fail(AccuracyCriterion, "The model has no layers, so there is nothing to evaluate.");
        if (!model.IsCompiled)
            return Fail(AccuracyCriterion, "The model is not compiled, so it cannot have been trained: call model.Compile(...) and model.Fit(...) before the check.");
        int[] predicted;
        try
        {
            predicted = model.PredictClasses(test.Images);
        }
        catch (Exception e) when (e is ShapeMismatchException or ArgumentException)
        {
            return Fail(AccuracyCriterion, $"The model cannot classify the test images: {e.Message}");
        }
        return CheckAccuracy(predicted, test);
    }

    private sealed record StageWalk(IReadOnlyList<ConvStage> Stages, IReadOnlyList<string> Notes);

    // A stage is one or more Conv2D, then a MaxPooling2D; activations and dropout may sit between them.
    // A pooling with no Conv2D since the previous stage (e.g. pooling the raw image) does not count.
    private static StageWalk Walk(Sequential model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var stages = new List<ConvStage>();
        var notes = new List<string>();
        var convs = new List<Conv2D>();
        var layers = model.Layers;
        int i = 0;
        for (; i < layers.Count && layers[i] is not Flatten; i++)
        {
            var layer = layers[i];
            if (layer is Conv2D conv) convs.Add(conv);
            else if (layer is MaxPooling2D pool && convs.Count == 0)
                notes.Add(stages.Count == 0
                    ? $"{pool.Name} comes before any Conv2D (pooling before conv): it drops 3 of every 4 pixels before a filter has looked at them, so it does not count; put each MaxPooling2D after a Conv2D."
                    : $"{pool.Name} follows {stages[^1].Pooling.Name} with no Conv2D in between, so it does not count; put a Conv2D before it.");
            else if (layer is MaxPooling2D closing)
            {
                stages.Add(new ConvStage(convs.ToList(), closing));
                convs.Clear();
            }
        }
        var afterFlatten = layers.Skip(i + 1).Where(l => l is Conv2D or MaxPooling2D).Select(l => l.Name).ToList();
        if (afterFlatten.Count > 0)
            notes.Add($"{string.Join(", ", afterFlatten)} come{(afterFlatten.Count == 1 ? "s" : "")} after {layers[i].Name}: a stage works on (height, width, channels) images, so it must come before Flatten.");
        if (convs.Count > 0)
            notes.Add($"{string.Join(", ", convs.Select(c => c.Name))} {(convs.Count == 1 ? "is" : "are")} not followed by a MaxPooling2D before Flatten, so {(convs.Count == 1 ? "it does" : "they do")} not count as a stage.");
        return new StageWalk(stages, notes);
    }

    private static bool EndsInSoftmaxOverTenDigits(IReadOnlyList<Layer> layers, out string last)
    {
        var final = layers[^1];
        last = Describe(final);
        if (final is Dense { Units: Mnist.Classes, Activation: Softmax }) return true;
        if (final is Softmax && layers.Count > 1 && layers[^2] is Dense { Units: Mnist.Classes, Activation: null } dense)
        {
            last = $"{Describe(dense)} + {final.Name}";
            return true;
        }
        return false;
    }

    private static string Describe(Layer layer) => layer switch
    {
        Dense d => $"{d.Name} (Dense({d.Units}{(d.Activation is null ? "" : $", activation: \"{d.Activation.TypeName.ToLowerInvariant()}\"")}))",
        _ => $"{layer.Name} ({layer.TypeName})",
    };

    private static int IndexOf<T>(IReadOnlyList<Layer> layers) where T : Layer
    {
        for (int i = 0; i < layers.Count; i++) if (layers[i] is T) return i;
        return -1;
    }

    private static HomeworkCriterion Fail(string name, string message) => new(name, false, message);

    private static string Count(long n) => n.ToString("N0", CultureInfo.InvariantCulture);

    private static string Percent(double fraction) => (fraction * 100).ToString("0.00", CultureInfo.InvariantCulture) + " %";
}
