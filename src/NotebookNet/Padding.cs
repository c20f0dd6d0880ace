namespace NotebookNet;

/// <summary>How a convolution or pooling window treats the border (Keras's <c>padding</c>).</summary>
public enum Padding
{
    /// <summary>No padding: the window stays inside the input; the output shrinks.</summary>
    Valid,

    /// <summary>Zero padding so that output size = ⌈input / stride⌉ (TensorFlow's rule; extra padding goes bottom/right).</summary>
    Same,
}
