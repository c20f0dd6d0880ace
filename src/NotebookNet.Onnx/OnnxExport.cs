using Google.Protobuf;
using NotebookNet.Onnx.Schema;

namespace NotebookNet.Onnx;

/// <summary>
/// Writes a compiled <see cref="Sequential"/> model as an ONNX file (IR version 7, opset 13) that ONNX Runtime, Netron
/// and other ONNX tools open. The graph takes and gives the same tensors as <see cref="Sequential.Predict"/>: input
/// <c>"input"</c> of shape <c>[batch, ...InputShape]</c> (NHWC images, as NotebookNet), output <c>"output"</c>.
/// Inside, images run as NCHW (ONNX's convolution order) between one Transpose after the input and one before Flatten
/// (or the output). Inference behaviour: Dropout is the identity, BatchNormalization uses its moving statistics.
/// </summary>
/// <example><code>
/// model.ExportOnnx("mnist_convnet.onnx");
/// </code></example>
public static class OnnxExport
{
    /// <summary>The ONNX IR version written.</summary>
    public const long IrVersion = 7;

    /// <summary>The standard operator set version the graph uses.</summary>
    public const long OpsetVersion = 13;

    /// <summary>Writes <paramref name="model"/> to <paramref name="path"/> as ONNX, atomically (a temporary file in the same
    /// folder, then moved over the target).</summary>
    /// <exception cref="NotSupportedException">A layer has no ONNX translation; the message names it.</exception>
    public static void ExportOnnx(this Sequential model, string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var bytes = model.ToOnnxBytes();
        string full = Path.GetFullPath(path);
        string temp = full + ".tmp-" + Guid.NewGuid().ToString("N")[..8];
        try
        {
            File.WriteAllBytes(temp, bytes);
            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    /// <summary>The ONNX file's bytes for <paramref name="model"/> (compiled).</summary>
    public static byte[] ToOnnxBytes(this Sequential model)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (!model.IsCompiled)
            throw new InvalidOperationException($"Sequential '{model.Name}' is not compiled: compile it before exporting to ONNX.");
        var g = new OnnxGraph();
        g.Proto.Name = model.Name;
        string input = g.NewName("input");
        g.Proto.Input.Add(OnnxGraph.FloatValue(input, model.InputShape.ToArray()));
        var x = model.InputShape.Rank == 3 ? LayerExport.ToNchw(g, input, "input/Nchw") : new Value(input, Layout.Flat);
        foreach (var layer in model.Layers) x = LayerExport.Export(g, layer, x);
        string last = x.Layout == Layout.Nchw ? LayerExport.ToNhwc(g, x, "output/Nhwc") : x.Name;
        string output = g.Node("Identity", "output", [last]);
        g.Proto.Output.Add(OnnxGraph.FloatValue(output, model.OutputShape.ToArray()));

        var proto = new ModelProto
        {
            IrVersion = IrVersion,
            ProducerName = "NotebookNet",
            ProducerVersion = typeof(Sequential).Assembly.GetName().Version?.ToString() ?? "",
            Graph = g.Proto,
        };
        proto.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = OpsetVersion });
        return proto.ToByteArray();
    }
}
