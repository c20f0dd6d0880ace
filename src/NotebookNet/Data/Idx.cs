using System.Buffers.Binary;
using System.IO.Compression;
using System.Security.Cryptography;

namespace NotebookNet.Data;

/// <summary>
/// Reads IDX files, the format MNIST ships in, raw or gzip-compressed (recognised by the gzip magic bytes
/// <c>1f 8b</c>, not by the file name). Layout, all integers big-endian:
/// <c>00 00 type d</c>, then <c>d</c> int32 dimensions, then the values row-major.
/// </summary>
/// <remarks>
/// The whole file must be consumed exactly: fewer bytes than the dimensions need ("truncated") and bytes after
/// the data ("trailing data") are both errors, because either one means the header and the data disagree.
/// Every error is an <see cref="InvalidDataException"/> that names the file.
/// </remarks>
/// <example><code>
/// IdxArray labels = Idx.Read("datasets/mnist/train-labels-idx1-ubyte.gz");
/// // labels.Dimensions == [60000], labels.Bytes[0] == 5
/// </code></example>
public static class Idx
{
    /// <summary>Reads the IDX file at <paramref name="path"/> (raw or gzip).</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is not a well-formed IDX file; the message says why.</exception>
    public static IdxArray Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
            throw new FileNotFoundException($"IDX file '{path}' does not exist (full path {Path.GetFullPath(path)}).", path);
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        return Read(file, path);
    }

    /// <summary>
    /// Reads IDX data (raw or gzip) from the current position of <paramref name="stream"/> to its end.
    /// <paramref name="sourceName"/> is used in error messages. The stream is not closed.
    /// </summary>
    public static IdxArray Read(Stream stream, string sourceName) => Read(stream, sourceName, contentHash: null);

    /// <summary>
    /// As <see cref="Read(Stream, string)"/>, and appends every byte of the IDX content (after decompression,
    /// trailing data included) to <paramref name="contentHash"/>, so a caller can verify it without a second copy.
    /// </summary>
    internal static IdxArray Read(Stream stream, string sourceName, IncrementalHash? contentHash)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentException.ThrowIfNullOrEmpty(sourceName);
        if (!stream.CanRead) throw new ArgumentException($"The stream for '{sourceName}' cannot be read.", nameof(stream));

        // Peeking at the first two bytes needs a way back; a non-seekable stream is buffered whole.
        if (!stream.CanSeek)
        {
            var buffered = new MemoryStream();
            stream.CopyTo(buffered);
            buffered.Position = 0;
            stream = buffered;
        }

        bool gzip = StartsWithGzipMagic(stream);
        using var unzipped = gzip ? new GZipStream(stream, CompressionMode.Decompress, leaveOpen: true) : null;
        Stream content = unzipped ?? stream;
        return Parse(contentHash is null ? content : new HashingStream(content, contentHash), sourceName);
    }

    /// <summary>True if <paramref name="bytes"/> starts with the gzip magic number <c>1f 8b</c>.</summary>
    internal static bool IsGzip(ReadOnlySpan<byte> bytes) => bytes.Length >= 2 && bytes[0] == 0x1f && bytes[1] == 0x8b;

    private static bool StartsWithGzipMagic(Stream stream)
    {
        long start = stream.Position;
        Span<byte> magic = stackalloc byte[2];
        int got = stream.ReadAtLeast(magic, 2, throwOnEndOfStream: false);
        stream.Position = start;
        return IsGzip(magic[..got]);
    }

    private static IdxArray Parse(Stream input, string source)
    {
        Span<byte> magic = stackalloc byte[4];
        int got = ReadFully(input, magic, source);
        if (got < 4)
            throw Error(source, $"truncated: expected a 4-byte magic number, found {got} bytes.");
        if (magic[0] != 0 || magic[1] != 0)
            throw Error(source, $"wrong magic number: expected 00 00 <type> <dimensions>, received {Hex(magic)}. Is this an IDX file?");

        var type = (IdxElementType)magic[2];
        int elementSize = ElementSize(type);
        if (elementSize == 0)
            throw Error(source, $"unsupported element type 0x{magic[2]:X2} (magic number 00 00 {magic[2]:x2} {magic[3]:x2}); IDX types are 0x08 unsigned byte, 0x09 signed byte, 0x0B short, 0x0C int, 0x0D float, 0x0E double.");

        int[] dims = ReadDimensions(input, source, magic[3]);
        long count = 1;
        foreach (int d in dims) count *= d;   // each d < 2³¹ and we stop once too large, so no overflow
        string shape = "[" + string.Join(", ", dims) + "]";
        long dataBytes = count * elementSize;
        if (dataBytes > Array.MaxLength)
            throw Error(source, $"dimensions {shape} need {dataBytes} bytes of data, more than one array can hold.");

        var data = new byte[dataBytes];
        got = ReadFully(input, data, source);
        if (got < dataBytes)
            throw Error(source, $"truncated: dimensions {shape} of {type} need {dataBytes} bytes of data, found {got}.");
        long extra = CountRemaining(input, source);
        if (extra > 0)
            throw Error(source, $"size mismatch: {extra} bytes of trailing data after the {dataBytes} bytes that dimensions {shape} of {type} need.");

        return type == IdxElementType.UnsignedByte
            ? new IdxArray(source, type, dims, data)
            : new IdxArray(source, type, dims, DecodeBigEndian(data, type));
    }

    private static int[] ReadDimensions(Stream input, string source, int rank)
    {
        if (rank == 0)
            throw Error(source, "the magic number declares 0 dimensions; an IDX file needs at least one.");
        var header = new byte[4 * rank];
        int got = ReadFully(input, header, source);
        if (got < header.Length)
            throw Error(source, $"truncated: {rank} dimensions need {header.Length} header bytes, found {got}.");
        var dims = new int[rank];
        long count = 1;
        for (int i = 0; i < rank; i++)
        {
            uint d = BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(4 * i));
            count *= d;
            if (d > int.MaxValue || count > Array.MaxLength)
                throw Error(source, $"dimension {i} is {d}, which makes more values than one array can hold.");
            dims[i] = (int)d;
        }
        return dims;
    }

    private static int ElementSize(IdxElementType type) => type switch
    {
        IdxElementType.UnsignedByte or IdxElementType.SignedByte => 1,
        IdxElementType.Short => 2,
        IdxElementType.Int or IdxElementType.Float => 4,
        IdxElementType.Double => 8,
        _ => 0,
    };

    private static float[] DecodeBigEndian(byte[] data, IdxElementType type)
    {
        int size = ElementSize(type);
        var values = new float[data.Length / size];
        var span = data.AsSpan();
        for (int i = 0; i < values.Length; i++)
        {
            var at = span.Slice(i * size, size);
            values[i] = type switch
            {
                IdxElementType.SignedByte => (sbyte)at[0],
                IdxElementType.Short => BinaryPrimitives.ReadInt16BigEndian(at),
                IdxElementType.Int => BinaryPrimitives.ReadInt32BigEndian(at),
                IdxElementType.Float => BinaryPrimitives.ReadSingleBigEndian(at),
                _ => (float)BinaryPrimitives.ReadDoubleBigEndian(at),
            };
        }
        return values;
    }

    /// <summary>Reads until <paramref name="buffer"/> is full or the stream ends; returns the bytes read.</summary>
    private static int ReadFully(Stream input, Span<byte> buffer, string source)
    {
        try { return input.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false); }
        catch (InvalidDataException e) { throw CorruptGzip(source, e); }
    }

    /// <summary>Reads the stream to its end (for gzip this also checks the CRC) and counts what was left.</summary>
    private static long CountRemaining(Stream input, string source)
    {
        var scratch = new byte[1 << 16];
        long total = 0;
        try
        {
            int n;
            while ((n = input.Read(scratch)) > 0) total += n;
        }
        catch (InvalidDataException e) { throw CorruptGzip(source, e); }
        return total;
    }

    private static InvalidDataException CorruptGzip(string source, InvalidDataException inner) =>
        new($"IDX file '{source}': the gzip data is corrupt ({inner.Message})", inner);

    /// <summary>Bytes as lower-case hex pairs, e.g. <c>50 4b 03 04</c>.</summary>
    private static string Hex(ReadOnlySpan<byte> bytes) => string.Join(" ", bytes.ToArray().Select(b => b.ToString("x2")));

    private static InvalidDataException Error(string source, string what) => new($"IDX file '{source}': {what}");
}
