using System.Text.Json;

namespace NotebookNet.Serialization;

/// <summary>
/// The NotebookNet weights file, format version 1. All integers and floats little-endian:
/// <code>
/// offset  size  content
/// 0       4     magic "NBNW"
/// 4       4     int32 format version (1)
/// 8       4     int32 H: length of the header
/// 12      H     UTF-8 JSON header: model name, input shape, and per layer its name, type, output shape and
///               the name and shape of each parameter, in order
/// 12+H    4·P   float32 values of every parameter, layer by layer, in header order (P values in all)
/// end−32  32    SHA-256 of every byte before it
/// </code>
/// The frame (magic, version, checksum, atomic write) is <see cref="ChecksummedFile"/>'s. Loading checks the checksum,
/// then that the header describes exactly the receiving model, before it changes any weight.
/// </summary>
public static class WeightsFile
{
    /// <summary>The format version this library writes.</summary>
    public const int FormatVersion = 1;

    private static readonly byte[] Magic = "NBNW"u8.ToArray();

    /// <summary>Writes the weights of a compiled model to <paramref name="path"/> atomically.</summary>
    public static void Save(Sequential model, string path)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentException.ThrowIfNullOrEmpty(path);
        var header = JsonSerializer.SerializeToUtf8Bytes(Describe(model));
        var parameters = model.Weights;
        ChecksummedFile.Write(path, Magic, FormatVersion, header, 4L * parameters.Sum(p => (long)p.Count), payload =>
        {
            int offset = 0;
            foreach (var p in parameters) ChecksummedFile.WriteFloats(payload, ref offset, p.Value.Data);
        });
    }

    /// <summary>
    /// Reads weights saved by <see cref="Save"/> into <paramref name="model"/>, which must have the same architecture.
    /// A damaged file, another format, or another architecture fails with an <see cref="InvalidDataException"/> that says
    /// what differs; the model's weights are then left as they were.
    /// </summary>
    public static void Load(Sequential model, string path)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentException.ThrowIfNullOrEmpty(path);
        string file = Path.GetFileName(path);
        var frame = ChecksummedFile.Read(path, Magic, "weights", FormatVersion);
        var saved = JsonSerializer.Deserialize<ModelDescription>(frame.Header)
            ?? throw new InvalidDataException($"'{file}' has an empty header.");
        CheckSameArchitecture(saved, Describe(model), file, model.Name);

        var parameters = model.Weights;
        long expected = 4L * parameters.Sum(p => (long)p.Count);
        if (expected != frame.PayloadLength)
            throw new InvalidDataException($"'{file}' holds {frame.PayloadLength} bytes of weights but its header describes {expected}.");
        int offset = frame.PayloadStart;
        foreach (var p in parameters) ChecksummedFile.ReadFloats(frame.Bytes, ref offset, p.Value.Data);
    }

    private static void CheckSameArchitecture(ModelDescription saved, ModelDescription current, string file, string modelName)
    {
        string Prefix() => $"'{file}' was saved from another architecture than model '{modelName}': ";
        if (!saved.InputShape.SequenceEqual(current.InputShape))
            throw new InvalidDataException(Prefix() + $"input shape {Shape.Format(saved.InputShape)} in the file, {Shape.Format(current.InputShape)} in the model.");
        if (saved.Layers.Count != current.Layers.Count)
            throw new InvalidDataException(Prefix() + $"{saved.Layers.Count} layers in the file ({Names(saved)}), {current.Layers.Count} in the model ({Names(current)}).");
        for (int i = 0; i < saved.Layers.Count; i++)
        {
            var (s, c) = (saved.Layers[i], current.Layers[i]);
            string where = $"layer {i} is {s.Type} '{s.Name}' {Shape.Format(s.OutputShape)} in the file, {c.Type} '{c.Name}' {Shape.Format(c.OutputShape)} in the model";
            if (s.Type != c.Type || !s.OutputShape.SequenceEqual(c.OutputShape) || s.Parameters.Count != c.Parameters.Count)
                throw new InvalidDataException(Prefix() + where + ".");
            for (int j = 0; j < s.Parameters.Count; j++)
                if (!s.Parameters[j].Shape.SequenceEqual(c.Parameters[j].Shape))
                    throw new InvalidDataException(Prefix() + $"layer {i} '{c.Name}' {c.Parameters[j].Name} has shape {Shape.Format(s.Parameters[j].Shape)} in the file, {Shape.Format(c.Parameters[j].Shape)} in the model.");
        }
    }

    private static string Names(ModelDescription d) => string.Join(", ", d.Layers.Select(l => l.Type));

    private static ModelDescription Describe(Sequential model)
    {
        if (!model.IsCompiled) throw new InvalidOperationException($"Sequential '{model.Name}' is not compiled: compile it before saving or loading weights.");
        return new ModelDescription(model.Name, model.InputShape.ToArray(),
            model.Layers.Select(l => new LayerDescription(l.Name, l.TypeName, l.OutputShape.ToArray(),
                l.Parameters.Concat(l.NonTrainableWeights).Select(p => new ParameterDescription(p.Name, p.Value.Shape)).ToList())).ToList());
    }

    private sealed record ModelDescription(string Model, int[] InputShape, List<LayerDescription> Layers);

    private sealed record LayerDescription(string Name, string Type, int[] OutputShape, List<ParameterDescription> Parameters);

    private sealed record ParameterDescription(string Name, int[] Shape);
}
