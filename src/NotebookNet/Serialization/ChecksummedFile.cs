using System.Buffers.Binary;
using System.Security.Cryptography;

namespace NotebookNet.Serialization;

/// <summary>
/// The frame shared by NotebookNet's weights and model files. All integers little-endian:
/// <code>
/// offset  size  content
/// 0       4     magic, e.g. "NBNW" (weights) or "NBNM" (model)
/// 4       4     int32 format version
/// 8       4     int32 H: length of the header
/// 12      H     UTF-8 JSON header
/// 12+H    ...   binary payload (float32 values)
/// end−32  32    SHA-256 of every byte before it
/// </code>
/// Written to a temporary file in the same folder and then moved over the target, so a crash never leaves half a
/// file. Read checks, in order: the magic, the version (a newer one is refused before anything else is trusted),
/// the checksum, the header length.
/// </summary>
internal static class ChecksummedFile
{
    public const int HashSize = 32;
    public const int HeaderStart = 12;

    /// <summary>The parts of a verified file.</summary>
    public readonly record struct Frame(byte[] Bytes, int Version, int HeaderLength)
    {
        public ReadOnlySpan<byte> Header => Bytes.AsSpan(HeaderStart, HeaderLength);

        public int PayloadStart => HeaderStart + HeaderLength;

        public int PayloadLength => Bytes.Length - HashSize - PayloadStart;
    }

    /// <summary>Writes magic, version, header, <paramref name="payloadLength"/> bytes filled by
    /// <paramref name="writePayload"/>, and the checksum to <paramref name="path"/>, atomically.</summary>
    public static void Write(string path, ReadOnlySpan<byte> magic, int version, byte[] header, long payloadLength, SpanAction writePayload)
    {
        long size = HeaderStart + header.Length + payloadLength + HashSize;
        if (size > Array.MaxLength) throw new InvalidOperationException($"'{Path.GetFileName(path)}': {size:N0} bytes is too large for one file.");
        var bytes = new byte[size];
        magic.CopyTo(bytes);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(4), version);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(8), header.Length);
        header.CopyTo(bytes, HeaderStart);
        writePayload(bytes.AsSpan(HeaderStart + header.Length, (int)payloadLength));
        int hashStart = bytes.Length - HashSize;
        SHA256.HashData(bytes.AsSpan(0, hashStart), bytes.AsSpan(hashStart));
        WriteAtomically(path, bytes);
    }

    /// <summary>Fills a payload.</summary>
    public delegate void SpanAction(Span<byte> payload);

    /// <summary>
    /// Reads and verifies a file. <paramref name="kind"/> ("weights", "model") names it in errors, which are
    /// <see cref="InvalidDataException"/>s naming the file and what is wrong.
    /// </summary>
    public static Frame Read(string path, ReadOnlySpan<byte> magic, string kind, int maxVersion)
    {
        byte[] bytes = File.ReadAllBytes(path);
        string file = Path.GetFileName(path);
        string magicText = System.Text.Encoding.ASCII.GetString(magic);
        if (bytes.Length < 4 || !bytes.AsSpan(0, 4).SequenceEqual(magic))
            throw new InvalidDataException($"'{file}' is not a NotebookNet {kind} file (it does not start with \"{magicText}\").");
        if (bytes.Length < HeaderStart + HashSize)
            throw new InvalidDataException($"'{file}' is damaged: it is truncated ({bytes.Length} bytes, too short for a {kind} file).");
        int version = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(4));
        if (version > maxVersion)
            throw new InvalidDataException($"'{file}' has {kind} format version {version}, written by a newer NotebookNet; " +
                $"this NotebookNet reads version {maxVersion}. Update NotebookNet to open it.");
        if (version < 1)
            throw new InvalidDataException($"'{file}' is damaged: its {kind} format version is {version}; versions start at 1.");
        int headerLength = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(8));
        var hash = SHA256.HashData(bytes.AsSpan(0, bytes.Length - HashSize));
        if (!hash.AsSpan().SequenceEqual(bytes.AsSpan(bytes.Length - HashSize)))
        {
            bool headerCut = headerLength < 0 || (long)HeaderStart + headerLength > bytes.Length - HashSize;
            throw new InvalidDataException($"'{file}' is damaged: its SHA-256 checksum does not match its contents " +
                (headerCut ? $"(truncated: its header alone should take {headerLength} bytes, the file has {bytes.Length})." : "(truncated or modified)."));
        }
        if (headerLength < 0 || (long)HeaderStart + headerLength > bytes.Length - HashSize)
            throw new InvalidDataException($"'{file}' is damaged: header length {headerLength} does not fit in a file of {bytes.Length} bytes.");
        return new Frame(bytes, version, headerLength);
    }

    /// <summary>Writes <paramref name="bytes"/> to a temporary file beside <paramref name="path"/>, flushes it to disk,
    /// then moves it over <paramref name="path"/>: readers see the old file or the new one, never a part.</summary>
    public static void WriteAtomically(string path, ReadOnlySpan<byte> bytes)
    {
        string full = Path.GetFullPath(path);
        string? folder = Path.GetDirectoryName(full);
        if (folder is not null && !Directory.Exists(folder))
            throw new DirectoryNotFoundException($"Cannot save '{Path.GetFileName(full)}': the folder '{folder}' does not exist.");
        string temp = Path.Combine(folder ?? ".", "." + Path.GetFileName(full) + ".tmp-" + Guid.NewGuid().ToString("N")[..8]);
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

    /// <summary>Writes float32 values little-endian at <paramref name="offset"/>, advancing it.</summary>
    public static void WriteFloats(Span<byte> target, ref int offset, ReadOnlySpan<float> values)
    {
        foreach (float v in values)
        {
            BinaryPrimitives.WriteSingleLittleEndian(target[offset..], v);
            offset += 4;
        }
    }

    /// <summary>Reads float32 values little-endian from <paramref name="offset"/>, advancing it.</summary>
    public static void ReadFloats(ReadOnlySpan<byte> source, ref int offset, Span<float> values)
    {
        for (int i = 0; i < values.Length; i++, offset += 4) values[i] = BinaryPrimitives.ReadSingleLittleEndian(source[offset..]);
    }
}
