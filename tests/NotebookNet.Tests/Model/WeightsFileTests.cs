using NotebookNet.Layers;
using NotebookNet.Losses;
using NotebookNet.Optimizers;

namespace NotebookNet.Tests.Model;

public sealed class WeightsFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("notebooknet-weights-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Save_then_load_restores_every_weight_bit_for_bit()
    {
        var trained = SequentialTests.KerasMnistConvnet(seed: 1);
        var fresh = SequentialTests.KerasMnistConvnet(seed: 2);
        string path = Path.Combine(_dir, "convnet.nbw");
        trained.SaveWeights(path);
        fresh.LoadWeights(path);
        for (int i = 0; i < trained.Parameters.Count; i++)
            Assert.Equal(
                trained.Parameters[i].Value.Data.Select(BitConverter.SingleToInt32Bits),
                fresh.Parameters[i].Value.Data.Select(BitConverter.SingleToInt32Bits));
        Assert.Single(Directory.GetFiles(_dir));   // the temporary file was moved, not left behind
    }

    [Fact]
    public void Loading_weights_of_another_architecture_says_which_layer_differs_and_changes_nothing()
    {
        string path = Path.Combine(_dir, "xor.nbw");
        SequentialTests.XorModel().SaveWeights(path);
        var other = new Sequential([new Dense(4, activation: "tanh"), new Dense(1, activation: "sigmoid")], new Shape(2));
        other.Compile(new Sgd(), Loss.BinaryCrossEntropy);
        var before = other.Parameters[0].Value.Data.ToArray();
        var e = Assert.Throws<InvalidDataException>(() => other.LoadWeights(path));
        Assert.Contains("another architecture", e.Message);
        Assert.Contains("layer 0", e.Message);
        Assert.Equal(before, other.Parameters[0].Value.Data);
    }

    [Theory]
    [InlineData(100)]   // a flipped byte inside the weights
    [InlineData(-1)]    // a truncated file
    public void A_damaged_file_is_rejected_by_its_checksum(int position)
    {
        string path = Path.Combine(_dir, "xor.nbw");
        var model = SequentialTests.XorModel();
        model.SaveWeights(path);
        var bytes = File.ReadAllBytes(path);
        if (position >= 0) bytes[position] ^= 0x40;
        else bytes = bytes[..^10];
        File.WriteAllBytes(path, bytes);
        var e = Assert.Throws<InvalidDataException>(() => model.LoadWeights(path));
        Assert.Contains("damaged", e.Message);
        Assert.Contains("xor.nbw", e.Message);
    }

    [Fact]
    public void A_file_that_is_not_a_weights_file_is_named_as_such()
    {
        string path = Path.Combine(_dir, "notes.txt");
        File.WriteAllText(path, "these are not weights, just a long enough line of text to pass the size check");
        var e = Assert.Throws<InvalidDataException>(() => SequentialTests.XorModel().LoadWeights(path));
        Assert.Contains("not a NotebookNet weights file", e.Message);
    }
}
