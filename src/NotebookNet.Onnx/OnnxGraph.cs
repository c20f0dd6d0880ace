using Google.Protobuf;
using NotebookNet.Onnx.Schema;

namespace NotebookNet.Onnx;

/// <summary>How a value in the exported graph lays out a batch of images.</summary>
internal enum Layout
{
    /// <summary>Not an image: <c>[N, features]</c>, the same in NotebookNet and in the graph.</summary>
    Flat,

    /// <summary>An image batch in ONNX's order <c>[N, C, H, W]</c> (NotebookNet holds it as <c>[N, H, W, C]</c>).</summary>
    Nchw,
}

/// <summary>A named value of the graph and its layout.</summary>
internal readonly record struct Value(string Name, Layout Layout);

/// <summary>
/// Collects the nodes and weights of one ONNX graph: unique value names, float and int64 initializers, attributes.
/// A thin layer over the generated protobuf classes, so that each layer's export reads as a list of operators.
/// </summary>
internal sealed class OnnxGraph
{
    private readonly GraphProto _graph = new();
    private readonly HashSet<string> _names = [];

    public GraphProto Proto => _graph;

    /// <summary>A value name not used yet, from <paramref name="hint"/> ("conv2d/Conv", "conv2d/Conv_1", ...).</summary>
    public string NewName(string hint)
    {
        string name = hint;
        for (int k = 1; !_names.Add(name); k++) name = $"{hint}_{k}";
        return name;
    }

    /// <summary>Adds a node; returns the name of its (single) output.</summary>
    public string Node(string opType, string outputHint, IEnumerable<string> inputs, params AttributeProto[] attributes)
    {
        string output = NewName(outputHint);
        var node = new NodeProto { OpType = opType, Name = output };
        node.Input.AddRange(inputs);
        node.Output.Add(output);
        node.Attribute.AddRange(attributes);
        _graph.Node.Add(node);
        return output;
    }

    /// <summary>A float32 weight tensor, row-major, stored little-endian in raw_data.</summary>
    public string Initializer(string hint, ReadOnlySpan<float> values, params long[] dims)
    {
        long size = dims.Aggregate(1L, (a, b) => a * b);
        if (size != values.Length)
            throw new InvalidOperationException($"ONNX initializer {hint}: {values.Length} values for shape [{string.Join(", ", dims)}].");
        var bytes = new byte[values.Length * sizeof(float)];
        for (int i = 0; i < values.Length; i++)
            System.Buffers.Binary.BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * sizeof(float)), values[i]);
        var tensor = new TensorProto { Name = NewName(hint), DataType = (int)TensorProto.Types.DataType.Float, RawData = ByteString.CopyFrom(bytes) };
        tensor.Dims.AddRange(dims);
        _graph.Initializer.Add(tensor);
        return tensor.Name;
    }

    /// <summary>An int64 constant such as a Reshape target shape.</summary>
    public string Int64Initializer(string hint, params long[] values)
    {
        var tensor = new TensorProto { Name = NewName(hint), DataType = (int)TensorProto.Types.DataType.Int64 };
        tensor.Dims.Add(values.Length);
        tensor.Int64Data.AddRange(values);
        _graph.Initializer.Add(tensor);
        return tensor.Name;
    }

    /// <summary>A graph input or output: float32, first dimension symbolic ("batch").</summary>
    public static ValueInfoProto FloatValue(string name, IEnumerable<int> sampleShape)
    {
        var shape = new TensorShapeProto();
        shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimParam = "batch" });
        foreach (int d in sampleShape) shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimValue = d });
        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)TensorProto.Types.DataType.Float, Shape = shape } },
        };
    }

    public static AttributeProto Int(string name, long value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value };

    public static AttributeProto Float(string name, float value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Float, F = value };

    public static AttributeProto Ints(string name, params long[] values)
    {
        var a = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Ints };
        a.Ints.AddRange(values);
        return a;
    }
}
