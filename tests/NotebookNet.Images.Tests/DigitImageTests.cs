using NotebookNet.Data;

namespace NotebookNet.Images.Tests;

public sealed class DigitImageTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static string Sample => Path.Combine(RepositoryRoot(), "notebooks", "images", "handwritten-3.png");

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "NotebookNet.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException("NotebookNet.sln not found above " + AppContext.BaseDirectory);
    }

    [Fact]
    public void The_shipped_sample_is_what_the_pen_stroke_program_draws()
    {
        string again = _folder.File("again.png");
        PenStrokeDrawing.WritePng(again);
        var (shipped, drawn) = (GreyImage.Load(Sample), GreyImage.Load(again));
        Assert.Equal((PenStrokeDrawing.Height, PenStrokeDrawing.Width), (shipped.Height, shipped.Width));
        Assert.All(shipped.Values.Zip(drawn.Values), p => Assert.InRange(Math.Abs(p.First - p.Second), 0, 1.5 / 255));
    }

    [Fact]
    public void The_sample_drawing_becomes_an_mnist_like_three_nearest_to_the_mean_mnist_three()
    {
        var digit = DigitImage.Load(Sample);
        Assert.Equal([28, 28, 1], digit.Shape);
        Assert.Equal(0f, digit.Data[0]);                      // background black, as in MNIST
        Assert.InRange(digit.Data.Max(), 0.99f, 1f);          // ink bright

        // Nearest centroid over 10,000 real MNIST digits: the drawing must resemble the 3s most.
        var train = Mnist.Load(trainCount: 10_000, testCount: 1).Train;
        var means = new double[10][];
        for (int c = 0; c < 10; c++) means[c] = new double[784];
        var counts = new int[10];
        for (int i = 0; i < train.Count; i++)
        {
            counts[train.Labels[i]]++;
            var pixels = train.Pixels.Span.Slice(i * 784, 784);
            for (int p = 0; p < 784; p++) means[train.Labels[i]][p] += pixels[p] / 255.0;
        }
        double Cosine(double[] m, int c) =>
            Enumerable.Range(0, 784).Sum(p => m[p] / counts[c] * digit.Data[p]) /
            Math.Sqrt(Enumerable.Range(0, 784).Sum(p => Math.Pow(m[p] / counts[c], 2)) * digit.Data.Sum(v => (double)v * v));
        var similarity = Enumerable.Range(0, 10).Select(c => Cosine(means[c], c)).ToArray();
        Assert.Equal(3, Array.IndexOf(similarity, similarity.Max()));
    }

    [Fact]
    public void A_blank_photo_and_a_file_that_is_not_an_image_are_named()
    {
        string blank = _folder.Png("blank.png", 50, 40, (_, _) => (200, 200, 190));
        var e = Assert.Throws<InvalidDataException>(() => DigitImage.Load(blank));
        Assert.Contains($"'{blank}' looks blank", e.Message);

        string text = _folder.File("digit.png");
        File.WriteAllText(text, "not a picture");
        Assert.Contains($"'{text}' cannot be decoded", Assert.Throws<InvalidDataException>(() => DigitImage.Load(text)).Message);
        Assert.Throws<FileNotFoundException>(() => DigitImage.Load(_folder.File("missing.png")));
    }
}
