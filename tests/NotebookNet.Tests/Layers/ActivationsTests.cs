using NotebookNet.Layers;

namespace NotebookNet.Tests.Layers;

public sealed class ActivationsTests
{
    [Theory]
    [InlineData("relu", typeof(ReLU))]
    [InlineData("sigmoid", typeof(Sigmoid))]
    [InlineData("tanh", typeof(Tanh))]
    [InlineData("softmax", typeof(Softmax))]
    [InlineData("ReLU", typeof(ReLU))]
    public void Create_turns_a_keras_name_into_its_layer(string name, Type expected)
    {
        var layer = Activations.Create(name, "act");
        Assert.IsType(expected, layer);
        Assert.Equal("act", layer!.Name);
    }

    [Theory]
    [InlineData("linear")]
    [InlineData(null)]
    public void Linear_or_null_means_no_activation(string? name) => Assert.Null(Activations.Create(name, null));

    [Fact]
    public void An_unknown_name_fails_echoing_it_and_listing_the_valid_ones()
    {
        var error = Assert.Throws<ArgumentException>(() => Activations.Create("relux", null));
        Assert.Contains("'relux'", error.Message);
        foreach (var valid in Activations.Names) Assert.Contains($"'{valid}'", error.Message);
    }

    [Fact]
    public void A_layer_given_an_unknown_activation_names_itself_in_the_error()
    {
        var error = Assert.Throws<ArgumentException>(() => new Conv2D(8, 3, activation: "leaky"));
        Assert.StartsWith("Conv2D: received activation='leaky'", error.Message);
    }
}
