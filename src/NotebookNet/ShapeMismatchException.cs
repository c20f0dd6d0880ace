namespace NotebookNet;

/// <summary>Thrown when a layer receives an input shape it cannot take; names the layer and both shapes.</summary>
public sealed class ShapeMismatchException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ShapeMismatchException(string layerName, string layerType, string expected, object received)
        : base($"Layer '{layerName}' ({layerType}) expected input shape {expected} but received {received}.")
    {
        LayerName = layerName;
        Expected = expected;
        Received = received.ToString() ?? "";
    }

    /// <summary>The layer's name.</summary>
    public string LayerName { get; }

    /// <summary>What the layer expects, in words or as a shape.</summary>
    public string Expected { get; }

    /// <summary>The shape it received.</summary>
    public string Received { get; }
}
