namespace NotebookNet.Data;

/// <summary>MNIST as loaded by <see cref="Mnist.Load"/>: the training and the test split.</summary>
/// <example><code>
/// var mnist = Mnist.Load(trainCount: 5000);
/// Console.WriteLine(mnist);   // MNIST: 5000 train, 10000 test images (28×28) from …/datasets/mnist
/// </code></example>
public sealed class MnistData
{
    internal MnistData(string directory, MnistSet train, MnistSet test)
    {
        Directory = directory;
        Train = train;
        Test = test;
    }

    /// <summary>The folder the files were read from (full path).</summary>
    public string Directory { get; }

    /// <summary>The training split (60,000 images unless <c>trainCount</c> was given).</summary>
    public MnistSet Train { get; }

    /// <summary>The test split (10,000 images unless <c>testCount</c> was given).</summary>
    public MnistSet Test { get; }

    /// <inheritdoc/>
    public override string ToString() => $"MNIST: {Train.Count} train, {Test.Count} test images (28×28) from {Directory}";
}
