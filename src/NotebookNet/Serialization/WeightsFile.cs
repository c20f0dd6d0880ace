using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
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
/// Written to a temporary file in the same folder and then moved over the target, so a crash never leaves half a file.
/// Loading checks the checksum, then that the header describes exactly the receiving model, before it changes any weight.
/// </summary>
public static class WeightsFile
{
    /// <summary>The format version this library writes.</summary>
    public const int FormatVersion = 1;

    private static readonly byte[] Magic = "NBNW"u8.ToArray();
    private const int HashSize = 32;

    /// <summary>Writes the weights of a compiled model to <paramref name="path"/> atomically.</summary>
    public static void Save(Sequential model, string path)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentException.ThrowIfNullOrEmpty(path);
        var header = JsonSerializer.SerializeToUtf8Bytes(Describe(model));
        var parameters = model.Weights;
        long size = 12 + header.Length + 4L * parameters.Sum(p => (long)p.Count) + HashSize;
        var bytes = new byte[size];
        Magic.CopyTo(bytes, 0);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(4), FormatVersion);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(8), header.Length);
        header.CopyTo(bytes, 12);
        int offset = 12 + header.Length;
        foreach (var p in parameters)
            foreach (float v in p.Value.Data) { BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(offset), v); offset += 4; }
        SHA256.HashData(bytes.AsSpan(0, offset), bytes.AsSpan(offset));

        string full = Path.GetFullPath(path);
        string temp = full + ".tmp-" + Guid.NewGuid().ToString("N")[..8];
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write))
            {
                stream.Write(bytes);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
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
        byte[] bytes = File.ReadAllBytes(path);
        string file = Path.GetFileName(path);
        if (bytes.Length < 12 + HashSize || !bytes.AsSpan(0, 4).SequenceEqual(Magic))
            throw new InvalidDataException($"'{file}' is not a NotebookNet weights file (it does not start with \"NBNW\").");
        int version = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(4));
        if (version != FormatVersion)
            throw new InvalidDataException($"'{file}' has weights format version {version}; this NotebookNet reads version {FormatVersion}.");
        var expectedHash = SHA256.HashData(bytes.AsSpan(0, bytes.Length - HashSize));
        if (!expectedHash.AsSpan().SequenceEqual(bytes.AsSpan(bytes.Length - HashSize)))
            throw new InvalidDataException($"'{file}' is damaged: its SHA-256 checksum does not match its contents (truncated or modified).");
        int headerLength = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(8));
        if (headerLength < 0 || 12L + headerLength > bytes.Length - HashSize)
            throw new InvalidDataException($"'{file}' is damaged: header length {headerLength} does not fit in a file of {bytes.Length} bytes.");
        var saved = JsonSerializer.Deserialize<ModelDescription>(bytes.AsSpan(12, headerLength))
            ?? throw new InvalidDataException($"'{file}' has an empty header.");
        CheckSameArchitecture(saved, Describe(model), file, model.Name);

        var parameters = model.Weights;
        long expectedBytes = 12L + headerLength + 4L * parameters.Sum(p => (long)p.Count) + HashSize;
        if (expectedBytes != bytes.Length)
            throw new InvalidDataException($"'{file}' holds {bytes.Length} bytes but its header describes {expectedBytes}.");
        int offset = 12 + headerLength;
        foreach (var p in parameters)
            for (int i = 0; i < p.Count; i++, offset += 4) p.Value.Data[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(offset));
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
