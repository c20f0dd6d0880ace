using System.Buffers.Binary;
using NotebookNet.Data;

namespace NotebookNet.Tests.Data;

public sealed class IdxTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private string Write(string name, byte[] bytes)
    {
        string path = _temp.File(name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static readonly byte[] SixBytes = [0, 1, 2, 128, 254, 255];

    [Fact]
    public void A_raw_unsigned_byte_file_reads_back_its_dimensions_and_bytes()
    {
        string path = Write("small.idx", TestFiles.Idx(0x08, [2, 3], SixBytes));

        IdxArray idx = Idx.Read(path);

        Assert.Equal(IdxElementType.UnsignedByte, idx.ElementType);
        Assert.Equal([2, 3], idx.Dimensions);
        Assert.Equal(6, idx.Length);
        Assert.Equal(SixBytes, idx.Bytes);
        Assert.Equal(path, idx.Source);
    }

    [Fact]
    public void A_gzip_file_is_recognised_by_its_magic_bytes_not_its_name()
    {
        string path = Write("compressed-but-not-named-gz.idx", TestFiles.Gzip(TestFiles.Idx(0x08, [2, 3], SixBytes)));

        IdxArray idx = Idx.Read(path);

        Assert.Equal([2, 3], idx.Dimensions);
        Assert.Equal(SixBytes, idx.Bytes);
    }

    [Fact]
    public void ToTensor_keeps_the_dimensions_and_the_unscaled_values()
    {
        IdxArray idx = Idx.Read(Write("small.idx.gz", TestFiles.Gzip(TestFiles.Idx(0x08, [2, 3], SixBytes))));

        Tensor t = idx.ToTensor();

        Assert.Equal([2, 3], t.Shape);
        Assert.Equal([0f, 1f, 2f, 128f, 254f, 255f], t.Data);
        Assert.Equal(255f, t[1, 2]);
    }

    public static TheoryData<byte, byte[], float[]> BigEndianTypes()
    {
        static byte[] Be(int size, Action<Span<byte>, int> write, int count)
        {
            var b = new byte[size * count];
            for (int i = 0; i < count; i++) write(b.AsSpan(i * size), i);
            return b;
        }
        float[] floats = [1.5f, -0.25f];
        double[] doubles = [2.5, -3.0];
        short[] shorts = [-2, 300];
        int[] ints = [70000, -5];
        return new()
        {
            { 0x09, [0xFF, 0x7F], [-1f, 127f] },
            { 0x0B, Be(2, (s, i) => BinaryPrimitives.WriteInt16BigEndian(s, shorts[i]), 2), [-2f, 300f] },
            { 0x0C, Be(4, (s, i) => BinaryPrimitives.WriteInt32BigEndian(s, ints[i]), 2), [70000f, -5f] },
            { 0x0D, Be(4, (s, i) => BinaryPrimitives.WriteSingleBigEndian(s, floats[i]), 2), [1.5f, -0.25f] },
            { 0x0E, Be(8, (s, i) => BinaryPrimitives.WriteDoubleBigEndian(s, doubles[i]), 2), [2.5f, -3f] },
        };
    }

    [Theory]
    [MemberData(nameof(BigEndianTypes))]
    public void Every_IDX_element_type_is_decoded_big_endian_into_floats(byte type, byte[] data, float[] expected)
    {
        IdxArray idx = Idx.Read(Write($"type-{type:x2}.idx", TestFiles.Idx(type, [2], data)));

        Assert.Equal((IdxElementType)type, idx.ElementType);
        Assert.Equal(expected, idx.ToFloats());
    }

    [Fact]
    public void Bytes_of_a_non_byte_file_is_refused_and_points_to_ToFloats()
    {
        IdxArray idx = Idx.Read(Write("ints.idx", TestFiles.Idx(0x0C, [1], [0, 0, 0, 7])));

        var e = Assert.Throws<InvalidOperationException>(() => idx.Bytes);
        Assert.Contains("ints.idx", e.Message);
        Assert.Contains("ToFloats", e.Message);
    }

    [Fact]
    public void A_non_seekable_gzip_stream_is_read_and_errors_use_the_given_source_name()
    {
        byte[] gz = TestFiles.Gzip(TestFiles.Idx(0x08, [6], SixBytes));

        IdxArray idx = Idx.Read(new ForwardOnlyStream(gz), "from-the-network");
        var e = Assert.Throws<InvalidDataException>(() => Idx.Read(new ForwardOnlyStream([1, 2, 3, 4, 5]), "from-the-network"));

        Assert.Equal(SixBytes, idx.Bytes);
        Assert.Equal("from-the-network", idx.Source);
        Assert.Contains("'from-the-network'", e.Message);
    }

    [Fact]
    public void A_wrong_magic_number_is_rejected_showing_the_bytes_received()
    {
        string path = Write("archive.zip", [0x50, 0x4B, 0x03, 0x04, 0, 0, 0, 0]);

        var e = Assert.Throws<InvalidDataException>(() => Idx.Read(path));

        Assert.Contains(path, e.Message);
        Assert.Contains("wrong magic number", e.Message);
        Assert.Contains("50 4b 03 04", e.Message);
    }

    [Fact]
    public void An_unsupported_element_type_is_rejected_naming_the_type_byte()
    {
        string path = Write("type-0a.idx", TestFiles.Idx(0x0A, [2], [1, 2]));

        var e = Assert.Throws<InvalidDataException>(() => Idx.Read(path));

        Assert.Contains(path, e.Message);
        Assert.Contains("unsupported element type 0x0A", e.Message);
    }

    [Fact]
    public void Zero_dimensions_are_rejected()
    {
        var e = Assert.Throws<InvalidDataException>(() => Idx.Read(Write("rank0.idx", [0, 0, 8, 0, 42])));

        Assert.Contains("0 dimensions", e.Message);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Truncated_data_is_rejected_with_the_bytes_expected_and_found(bool gzip)
    {
        byte[] idx = TestFiles.Idx(0x08, [2, 5], [1, 2, 3, 4, 5, 6, 7]);   // 10 needed, 7 present
        string path = Write("short.idx", gzip ? TestFiles.Gzip(idx) : idx);

        var e = Assert.Throws<InvalidDataException>(() => Idx.Read(path));

        Assert.Contains(path, e.Message);
        Assert.Contains("truncated", e.Message);
        Assert.Contains("[2, 5]", e.Message);
        Assert.Contains("need 10 bytes of data, found 7", e.Message);
    }

    [Fact]
    public void A_file_that_ends_inside_the_dimensions_is_truncated()
    {
        byte[] idx = TestFiles.Idx(0x08, [2, 5], []);
        string path = Write("header-only.idx", idx[..9]);   // magic + 1 of the 2 dimensions + 1 byte

        var e = Assert.Throws<InvalidDataException>(() => Idx.Read(path));

        Assert.Contains("truncated: 2 dimensions need 8 header bytes, found 5", e.Message);
    }

    [Fact]
    public void A_file_shorter_than_the_magic_number_is_truncated()
    {
        var e = Assert.Throws<InvalidDataException>(() => Idx.Read(Write("tiny.idx", [0, 0])));

        Assert.Contains("found 2 bytes", e.Message);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Trailing_bytes_after_the_data_are_a_size_mismatch(bool gzip)
    {
        byte[] idx = TestFiles.Idx(0x08, [2, 3], [.. SixBytes, 9, 9, 9]);
        string path = Write("long.idx", gzip ? TestFiles.Gzip(idx) : idx);

        var e = Assert.Throws<InvalidDataException>(() => Idx.Read(path));

        Assert.Contains(path, e.Message);
        Assert.Contains("3 bytes of trailing data", e.Message);
    }

    [Fact]
    public void A_cut_off_gzip_stream_is_rejected_naming_the_file()
    {
        byte[] gz = TestFiles.Gzip(TestFiles.Idx(0x08, [1000], Enumerable.Range(0, 1000).Select(i => (byte)(i * 7)).ToArray()));
        string path = Write("cut.idx.gz", gz[..(gz.Length / 2)]);

        var e = Assert.Throws<InvalidDataException>(() => Idx.Read(path));

        Assert.Contains(path, e.Message);
    }

    [Fact]
    public void A_gzip_file_whose_CRC_does_not_match_is_rejected_as_corrupt()
    {
        byte[] gz = TestFiles.Gzip(TestFiles.Idx(0x08, [2, 3], SixBytes));
        gz[^8] ^= 0xFF;   // the CRC-32 of the uncompressed data sits 8 bytes from the end (RFC 1952)
        string path = Write("bad-crc.idx.gz", gz);

        var e = Assert.Throws<InvalidDataException>(() => Idx.Read(path));

        Assert.Contains(path, e.Message);
        Assert.Contains("gzip data is corrupt", e.Message);
    }

    [Fact]
    public void A_missing_file_is_reported_with_its_path()
    {
        string path = _temp.File("nowhere.idx");

        var e = Assert.Throws<FileNotFoundException>(() => Idx.Read(path));

        Assert.Contains(path, e.Message);
    }

    /// <summary>A stream that can only be read forward, like a network stream.</summary>
    private sealed class ForwardOnlyStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
        public override long Seek(long offset, SeekOrigin loc) => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    }
}
