using NotebookNet.Data;

namespace NotebookNet.Visualization.Tests;

public sealed class MisclassifiedGalleryTests
{
    private static readonly Lazy<MnistData> Mnist200 = new(() => Mnist.Load(trainCount: 1, testCount: 200));

    /// <summary>Probabilities that are right for every sample except those in <paramref name="wrong"/> (index → confidence).</summary>
    private static Tensor Probabilities(int[] labels, Dictionary<int, float> wrong)
    {
        var p = new Tensor(labels.Length, 10);
        for (int i = 0; i < labels.Length; i++)
        {
            float confidence = wrong.GetValueOrDefault(i, 0.9f);
            int chosen = wrong.ContainsKey(i) ? (labels[i] + 1) % 10 : labels[i];
            for (int c = 0; c < 10; c++) p[i, c] = (1 - confidence) / 9;
            p[i, chosen] = confidence;
        }
        return p;
    }

    [Fact]
    public void Finds_the_mistakes_of_real_mnist_most_confident_first()
    {
        var test = Mnist200.Value.Test;
        var probabilities = Probabilities(test.Labels, new() { [5] = 0.6f, [17] = 0.95f, [42] = 0.8f });

        var found = MisclassifiedGallery.Find(test.Images, test.Labels, probabilities);

        Assert.Equal([17, 42, 5], found.Select(f => f.Index));
        Assert.Equal((test.Labels[17] + 1) % 10, found[0].PredictedLabel);
        Assert.Equal(0.95, found[0].Confidence, 5);
        Assert.Equal(0.05 / 9, found[0].TrueLabelProbability, 5);
        Assert.Equal(test.Image(17).Data, found[0].Image.Data);
    }

    [Fact]
    public void The_gallery_shows_each_mistakes_picture_and_labels()
    {
        var test = Mnist200.Value.Test;
        var probabilities = Probabilities(test.Labels, new() { [0] = 0.7f, [1] = 0.99f });

        string html = MisclassifiedGallery.ToHtml(test.Images, test.Labels, probabilities, ConfusionMatrix.Digits);

        var pngs = Decoded.EmbeddedPngs(html);
        Assert.Equal(2, pngs.Count);
        Assert.All(pngs, p => Assert.Equal((84, 84), (p.Width, p.Height)));
        // The first picture is sample 1 (the more confident mistake): compare one pixel per MNIST pixel.
        var image = test.Image(1);
        for (int r = 0; r < 28; r++)
            for (int c = 0; c < 28; c++)
                Assert.Equal((int)Math.Round(image[r, c, 0] * 255), pngs[0][c * 3 + 1, r * 3 + 1].R);
        Assert.Contains($"#1</span>", html);
        Assert.Contains("99.0%", html);
        Assert.Contains("2 mistakes", html);
    }

    [Fact]
    public void The_title_says_how_many_mistakes_there_were_when_only_some_are_shown()
    {
        var test = Mnist200.Value.Test;
        var wrong = Enumerable.Range(0, 30).ToDictionary(i => i, i => 0.5f + i / 100f);

        string html = MisclassifiedGallery.ToHtml(test.Images, test.Labels, Probabilities(test.Labels, wrong), max: 12);

        Assert.Equal(12, Decoded.EmbeddedPngs(html).Count);
        Assert.Contains("the 12 most confident of 30 mistakes", html);
    }

    [Fact]
    public void Mismatched_inputs_are_refused_with_their_shapes()
    {
        var e = Assert.Throws<ArgumentException>(() => MisclassifiedGallery.Find(new Tensor(3, 28, 28, 1), [1, 2, 3], new Tensor(2, 10)));

        Assert.Contains("[3, 28, 28, 1]", e.Message);
        Assert.Contains("[2, 10]", e.Message);
    }
}
