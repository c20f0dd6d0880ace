namespace NotebookNet.Data;

/// <summary>
/// The element type of an IDX file: the third byte of its magic number <c>00 00 type dims</c>.
/// Multi-byte values are stored big-endian.
/// </summary>
public enum IdxElementType : byte
{
    /// <summary><c>0x08</c>: unsigned byte (0..255), e.g. MNIST pixels and labels.</summary>
    UnsignedByte = 0x08,

    /// <summary><c>0x09</c>: signed byte (−128..127).</summary>
    SignedByte = 0x09,

    /// <summary><c>0x0B</c>: 16-bit signed integer.</summary>
    Short = 0x0B,

    /// <summary><c>0x0C</c>: 32-bit signed integer.</summary>
    Int = 0x0C,

    /// <summary><c>0x0D</c>: 32-bit IEEE float.</summary>
    Float = 0x0D,

    /// <summary><c>0x0E</c>: 64-bit IEEE float.</summary>
    Double = 0x0E,
}
