using NotebookNet.Data;

namespace NotebookNet.Images;

/// <summary>
/// A student's own photo or drawing of one digit as an MNIST-like input: grey, inverted if the ink is darker than
/// the paper, cropped to the ink, scaled into 20×20 and centred by mass in 28×28 (see <see cref="MnistStyle"/>).
/// </summary>
/// <example><code>
/// Tensor digit = DigitImage.Load("my-digit.png");            // [28, 28, 1]
/// int guess = model.PredictClasses(digit.Reshape(1, 28, 28, 1))[0];
/// </code></example>
public static class DigitImage
{
    /// <summary>Reads <paramref name="path"/> and returns the <c>[28, 28, 1]</c> tensor, values in [0, 1].</summary>
    /// <exception cref="FileNotFoundException">No such file.</exception>
    /// <exception cref="InvalidDataException">The file is not an image, or it looks blank; the message names the file.</exception>
    public static Tensor Load(string path)
    {
        var picture = GreyImage.Load(path);
        try
        {
            return MnistStyle.FromGrey(picture.Values, picture.Height, picture.Width, $"Image file '{path}'");
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException(e.Message, e);
        }
    }
}
