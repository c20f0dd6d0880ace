using NotebookNet.Data;

namespace NotebookNet.Images;

/// <summary>
/// A folder of images with one subfolder per class as a data set, as Keras's
/// <c>image_dataset_from_directory(color_mode="grayscale")</c>: the class names are the subfolder names in
/// alphabetical order, every image is made grey, resized to the size asked for and normalised to [0, 1].
/// The result is the type MNIST gives (<see cref="MnistSet"/>: Images, Labels, OneHot, Subset, Split, ClassNames).
/// </summary>
/// <example><code>
/// // shapes/circle/*.png, shapes/square/*.png, shapes/triangle/*.png
/// var shapes = ImageFolder.Load("shapes", height: 28, width: 28);
/// var (train, validation) = shapes.Split(0.2);
/// Console.WriteLine(string.Join(", ", shapes.ClassNames!));   // circle, square, triangle
/// </code></example>
public static class ImageFolder
{
    /// <summary>The file extensions read (case-insensitive); other files are ignored.</summary>
    public static IReadOnlyList<string> Extensions { get; } = [".png", ".jpg", ".jpeg", ".bmp", ".gif"];

    /// <summary>Reads every image under <paramref name="directory"/>'s class subfolders.</summary>
    /// <param name="directory">The folder holding one subfolder per class.</param>
    /// <param name="height">Height every image is resized to.</param>
    /// <param name="width">Width every image is resized to.</param>
    /// <param name="invert">Make dark ink on light paper bright on black, as MNIST's digits are.</param>
    /// <param name="shuffle">Shuffle the images (Keras does by default), so that Split and Subset mix the classes.</param>
    /// <param name="seed">Seed of the shuffle.</param>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="InvalidDataException">No class subfolder or no image, or an image that cannot be decoded (named).</exception>
    public static MnistSet Load(string directory, int height = 28, int width = 28, bool invert = false, bool shuffle = true, int seed = 42)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        if (height < 1 || width < 1)
            throw new ArgumentOutOfRangeException(nameof(height), $"ImageFolder.Load: received height={height}, width={width}; both must be ≥ 1.");
        if (!Directory.Exists(directory))
            throw new DirectoryNotFoundException($"Image folder '{directory}' does not exist (full path {Path.GetFullPath(directory)}).");
        var classes = Directory.GetDirectories(directory).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToArray();
        if (classes.Length == 0)
            throw new InvalidDataException($"Image folder '{directory}' has no subfolders: put the images of each class in a subfolder named after it.");
        var files = classes
            .SelectMany((name, label) => Directory.GetFiles(Path.Combine(directory, name))
                .Where(f => Extensions.Contains(Path.GetExtension(f).ToLowerInvariant()))
                .Order(StringComparer.Ordinal).Select(f => (File: f, Label: label)))
            .ToArray();
        if (files.Length == 0)
            throw new InvalidDataException($"Image folder '{directory}' has class subfolders ({string.Join(", ", classes)}) but no image in them ({string.Join(" ", Extensions)}).");
        if (shuffle) new Random(seed).Shuffle(files);

        int per = height * width;
        var pixels = new byte[(long)files.Length * per];
        var results = new byte[files.Length][];
        try
        {
            Parallel.For(0, files.Length, i => results[i] = GreyImage.Load(files[i].File).Resized(height, width, invert));
        }
        catch (AggregateException e) when (e.InnerExceptions.Count > 0)
        {
            // The first bad file's own error (it names the file), not the parallel loop's wrapper.
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
        }
        for (int i = 0; i < files.Length; i++) results[i].CopyTo(pixels, (long)i * per);
        return MnistSet.FromPixels(Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory))), "all", pixels,
            files.Select(f => f.Label).ToArray(), height, width, classes.Length, classes);
    }
}
