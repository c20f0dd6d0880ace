using NotebookNet.Data;
using NotebookNet.Homework;
using NotebookNet.Layers;
using NotebookNet.Losses;
using NotebookNet.Metrics;
using NotebookNet.Optimizers;

namespace NotebookNet.Homework.Tests;

public sealed class MultiConvHomeworkTests
{
    private static readonly Lazy<MnistSet> FullTest = new(() => Mnist.Load().Test);

    private static Sequential Model(params Layer[] layers) => new(layers, new Shape(28, 28, 1));

    // The reference solution's architecture.
    private static Sequential TwoStages() => Model(
        new Conv2D(16, 3, activation: "relu"), new MaxPooling2D(2),
        new Conv2D(32, 3, activation: "relu"), new MaxPooling2D(2),
        new Flatten(), new Dense(10, activation: "softmax"));

    [Fact]
    public void Two_conv_pool_stages_with_a_softmax_head_pass_every_architecture_criterion()
    {
        var report = MultiConvHomework.CheckArchitecture(TwoStages());

        Assert.True(report.Passed, report.ToString());
        Assert.Equal("Found 2 Conv2D→MaxPooling2D stages (conv2d → max_pooling2d), (conv2d_1 → max_pooling2d_1).",
            report[MultiConvHomework.StagesCriterion].Message);
        Assert.StartsWith("12,810 parameters", report[MultiConvHomework.BudgetCriterion].Message);
        report.ThrowIfFailed();
    }

    [Fact]
    public void A_single_stage_fails_and_says_which_stage_it_found_and_what_to_add()
    {
        var model = Model(new Conv2D(8, 3, activation: "relu"), new MaxPooling2D(2), new Flatten(), new Dense(10, activation: "softmax"));

        var stages = MultiConvHomework.CheckArchitecture(model)[MultiConvHomework.StagesCriterion];

        Assert.False(stages.Passed);
        Assert.Equal("Found 1 Conv2D→MaxPooling2D stage (conv2d → max_pooling2d); the task asks for at least 2. " +
            "Add another Conv2D followed by MaxPooling2D before Flatten.", stages.Message);
    }

    [Fact]
    public void Pooling_before_any_conv_does_not_count_as_a_stage_and_the_message_says_why()
    {
        var model = Model(new MaxPooling2D(2), new Conv2D(8, 3, activation: "relu"), new MaxPooling2D(2),
            new Flatten(), new Dense(10, activation: "softmax"));

        var stages = MultiConvHomework.CheckArchitecture(model)[MultiConvHomework.StagesCriterion];

        Assert.False(stages.Passed);
        Assert.StartsWith("Found 1 Conv2D→MaxPooling2D stage (conv2d → max_pooling2d_1)", stages.Message);
        Assert.Contains("max_pooling2d comes before any Conv2D (pooling before conv)", stages.Message);
    }

    [Fact]
    public void Two_poolings_in_a_row_count_once_and_the_second_is_named()
    {
        var model = Model(new Conv2D(8, 3), new MaxPooling2D(2), new MaxPooling2D(2), new Flatten(), new Dense(10, activation: "softmax"));

        var stages = MultiConvHomework.CheckArchitecture(model)[MultiConvHomework.StagesCriterion];

        Assert.False(stages.Passed);
        Assert.Contains("max_pooling2d_1 follows max_pooling2d with no Conv2D in between", stages.Message);
    }

    [Fact]
    public void A_model_without_flatten_fails_the_head_and_the_budget_explains_that_it_does_not_build()
    {
        var model = Model(new Conv2D(8, 3, activation: "relu"), new MaxPooling2D(2),
            new Conv2D(8, 3, activation: "relu"), new MaxPooling2D(2), new Dense(10, activation: "softmax"));

        var report = MultiConvHomework.CheckArchitecture(model);

        Assert.True(report[MultiConvHomework.StagesCriterion].Passed);
        Assert.False(report[MultiConvHomework.HeadCriterion].Passed);
        Assert.StartsWith("No Flatten layer", report[MultiConvHomework.HeadCriterion].Message);
        Assert.Contains("Add Flatten() after the last MaxPooling2D, before Dense.", report[MultiConvHomework.HeadCriterion].Message);
        Assert.False(report[MultiConvHomework.BudgetCriterion].Passed);
        Assert.Contains("does not build", report[MultiConvHomework.BudgetCriterion].Message);
        Assert.Contains("dense", report[MultiConvHomework.BudgetCriterion].Message);
    }

    [Fact]
    public void Over_budget_names_the_largest_layer_with_its_formula_and_the_excess()
    {
        var model = Model(new Conv2D(32, 3, activation: "relu"), new MaxPooling2D(2), new Conv2D(64, 3, activation: "relu"),
            new MaxPooling2D(2), new Flatten(), new Dense(128, activation: "relu"), new Dense(10, activation: "softmax"));

        var budget = MultiConvHomework.CheckArchitecture(model)[MultiConvHomework.BudgetCriterion];

        long total = 320 + 18_496 + (1600 + 1) * 128 + (128 + 1) * 10;
        Assert.False(budget.Passed);
        Assert.Equal($"{total:N0} parameters (largest: dense, (1600 + 1)·128 = 204,928): {total - 100_000:N0} over the budget of 100,000. " +
            "Shrink dense: fewer units or filters, or one more Conv2D→MaxPooling2D stage before Flatten so that fewer values reach the Dense layer.",
            budget.Message);
    }

    [Fact]
    public void The_budget_rationale_holds_a_one_hidden_layer_mlp_and_one_stage_with_a_dense_layer_are_over_it()
    {
        var mlp = Model(new Flatten(), new Dense(128, activation: "relu"), new Dense(10, activation: "softmax"));
        var oneStage = Model(new Conv2D(32, 3, activation: "relu"), new MaxPooling2D(2), new Flatten(),
            new Dense(128, activation: "relu"), new Dense(10, activation: "softmax"));

        Assert.Equal(101_770, mlp.Summary().TotalParameters);
        Assert.Equal(692_352, oneStage.Summary().Rows[3].ParameterCount);
        Assert.False(MultiConvHomework.CheckArchitecture(mlp)[MultiConvHomework.BudgetCriterion].Passed);
        Assert.False(MultiConvHomework.CheckArchitecture(oneStage)[MultiConvHomework.BudgetCriterion].Passed);
    }

    [Theory]
    [InlineData(10, null, "dense (Dense(10))")]
    [InlineData(5, "softmax", "dense (Dense(5, activation: \"softmax\"))")]
    public void A_head_without_ten_softmax_outputs_fails_and_names_the_last_layer(int units, string? activation, string described)
    {
        var model = Model(new Conv2D(8, 3), new MaxPooling2D(2), new Conv2D(8, 3), new MaxPooling2D(2),
            new Flatten(), new Dense(units, activation: activation));

        var head = MultiConvHomework.CheckArchitecture(model)[MultiConvHomework.HeadCriterion];

        Assert.False(head.Passed);
        Assert.Equal($"The last layer is {described}; the task asks for Dense(10, activation: \"softmax\") at the end: one probability per digit.", head.Message);
    }

    [Fact]
    public void A_softmax_layer_after_a_linear_dense_10_is_an_accepted_head()
    {
        var model = Model(new Conv2D(8, 3), new MaxPooling2D(2), new Conv2D(8, 3), new MaxPooling2D(2),
            new Flatten(), new Dense(10), new Softmax());

        Assert.True(MultiConvHomework.CheckArchitecture(model).Passed);
    }

    [Fact]
    public void Several_convs_before_one_pooling_count_as_one_stage_and_a_trailing_conv_is_noted()
    {
        var model = Model(new Conv2D(8, 3, activation: "relu"), new Conv2D(8, 3, activation: "relu"), new MaxPooling2D(2),
            new Dropout(0.25), new Conv2D(8, 3), new ReLU(), new MaxPooling2D(2), new Conv2D(8, 3), new Flatten(), new Dense(10, activation: "softmax"));

        var stages = MultiConvHomework.FindStages(model);
        var criterion = MultiConvHomework.CheckArchitecture(model)[MultiConvHomework.StagesCriterion];

        Assert.Equal(["conv2d → conv2d_1 → max_pooling2d", "conv2d_2 → max_pooling2d_1"], stages.Select(s => s.ToString()));
        Assert.True(criterion.Passed);
        Assert.Contains("conv2d_3 is not followed by a MaxPooling2D before Flatten", criterion.Message);
    }

    [Fact]
    public void Accuracy_above_the_target_on_the_full_test_set_passes()
    {
        var test = FullTest.Value;
        int[] predicted = WithErrors(test.Labels, 100);

        var accuracy = MultiConvHomework.CheckAccuracy(predicted, test);

        Assert.True(accuracy.Passed);
        Assert.Equal("99.00 % (9,900 of 10,000 test images correct); required ≥ 98.50 %.", accuracy.Message);
    }

    [Fact]
    public void Accuracy_below_the_target_fails_with_advice_and_chance_level_asks_whether_the_model_was_trained()
    {
        var test = FullTest.Value;

        var close = MultiConvHomework.CheckAccuracy(WithErrors(test.Labels, 200), test);
        var chance = MultiConvHomework.CheckAccuracy(new int[test.Count], test);

        Assert.False(close.Passed);
        Assert.StartsWith("98.00 % (9,800 of 10,000 test images correct); required ≥ 98.50 %. Train on all 60,000 training images for another epoch", close.Message);
        Assert.False(chance.Passed);
        Assert.Contains("That is chance level: was the model trained (model.Fit) after Compile?", chance.Message);
    }

    [Fact]
    public void Accuracy_on_a_subset_or_on_training_images_fails_even_when_every_prediction_is_right()
    {
        var data = Mnist.Load();
        var subset = data.Test.Subset(2000);
        var train = data.Train.Subset(10_000);

        var onSubset = MultiConvHomework.CheckAccuracy(subset.Labels, subset);
        var onTrain = MultiConvHomework.CheckAccuracy(train.Labels, train);

        Assert.False(onSubset.Passed);
        Assert.StartsWith("Evaluated on 2,000 test images; the task asks for the full MNIST test set of 10,000 images.", onSubset.Message);
        Assert.False(onTrain.Passed);
        Assert.StartsWith("Evaluated on 10,000 train images", onTrain.Message);
    }

    [Fact]
    public void Predictions_of_the_wrong_length_are_an_argument_error_naming_both_counts()
    {
        var e = Assert.Throws<ArgumentException>(() => MultiConvHomework.CheckAccuracy(new int[3], FullTest.Value));
        Assert.StartsWith("3 predictions for 10000 test images", e.Message);
    }

    [Fact]
    public void An_uncompiled_model_fails_the_accuracy_criterion_and_says_to_compile_and_fit()
    {
        var report = MultiConvHomework.Check(TwoStages(), FullTest.Value);

        Assert.Equal(4, report.Criteria.Count);
        Assert.False(report[MultiConvHomework.AccuracyCriterion].Passed);
        Assert.StartsWith("The model is not compiled", report[MultiConvHomework.AccuracyCriterion].Message);
    }

    [Fact]
    public void An_untrained_model_is_evaluated_on_the_full_test_set_and_fails_only_the_accuracy()
    {
        var model = Model(new Conv2D(2, 3, activation: "relu"), new MaxPooling2D(2), new Conv2D(2, 3, activation: "relu"),
            new MaxPooling2D(2), new Flatten(), new Dense(10, activation: "softmax"));
        model.Compile(new Adam(), Loss.CategoricalCrossEntropy, Metric.Accuracy);

        var report = MultiConvHomework.Check(model, FullTest.Value);

        Assert.Equal([true, true, true, false], report.Criteria.Select(c => c.Passed));
        Assert.Contains("of 10,000 test images correct", report[MultiConvHomework.AccuracyCriterion].Message);
        var e = Assert.Throws<HomeworkCheckFailedException>(report.ThrowIfFailed);
        Assert.StartsWith($"{MultiConvHomework.Title}: 1 of 4 criteria fail.", e.Message);
        Assert.Contains($"- {MultiConvHomework.AccuracyCriterion}: ", e.Message);
        Assert.Same(report, e.Report);
    }

    [Fact]
    public void An_empty_model_fails_every_criterion_with_a_message_to_add_layers()
    {
        var report = MultiConvHomework.Check(new Sequential(new Shape(28, 28, 1)), FullTest.Value);

        Assert.All(report.Criteria, c => Assert.False(c.Passed));
        Assert.Equal("The model has no layers yet: add them with model.Add(...).", report[MultiConvHomework.StagesCriterion].Message);
        Assert.Equal("The model has no layers, so there is nothing to evaluate.", report[MultiConvHomework.AccuracyCriterion].Message);
    }

    [Fact]
    public void The_report_text_has_one_line_per_criterion_and_a_verdict()
    {
        var model = Model(new Conv2D(8, 3), new MaxPooling2D(2), new Flatten(), new Dense(10, activation: "softmax"));

        string[] lines = MultiConvHomework.CheckArchitecture(model).ToString().Split(Environment.NewLine);

        Assert.Equal(MultiConvHomework.Title, lines[0]);
        Assert.StartsWith("FAIL  Conv2D → MaxPooling2D stages: Found 1", lines[1]);
        Assert.StartsWith("PASS  Flatten → Dense(10, softmax): ", lines[2]);
        Assert.StartsWith("PASS  Parameter budget: ", lines[3]);
        Assert.Equal("1 of 3 criteria fail.", lines[4]);
    }

    [Fact]
    public void Asking_a_report_for_an_unknown_criterion_lists_the_known_ones()
    {
        var e = Assert.Throws<KeyNotFoundException>(() => MultiConvHomework.CheckArchitecture(TwoStages())["Speed"]);
        Assert.Contains("has no criterion 'Speed'; it has: Conv2D → MaxPooling2D stages, Flatten → Dense(10, softmax), Parameter budget", e.Message);
    }

    private static int[] WithErrors(int[] labels, int errors)
    {
        int[] predicted = (int[])labels.Clone();
        for (int i = 0; i < errors; i++) predicted[i * 37] = (predicted[i * 37] + 1) % 10;
        return predicted;
    }
}
