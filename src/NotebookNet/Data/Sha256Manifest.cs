using System.Security.Cryptography;

namespace NotebookNet.Data;

/// <summary>
/// A checksum list in <c>sha256sum</c> format: one <c>hash  name</c> per line (<c>hash *name</c> in binary
/// mode is accepted too; blank lines and <c>#</c> comments are skipped).
/// </summary>
internal sealed class Sha256Manifest
{
    private readonly Dictionary<string, string> _hashes;

    private Sha256Manifest(string path, Dictionary<string, string> hashes)
    {
        Path = path;
        _hashes = hashes;
    }

    /// <summary>The manifest file.</summary>
    public string Path { get; }

    public static Sha256Manifest Read(string path)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"Checksum manifest '{path}' is missing; every data file is verified against it before it is read.", path);
        var hashes = new Dictionary<string, string>(StringComparer.Ordinal);
        string[] lines = File.ReadAllLines(path);
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i].TrimEnd('\r', ' ', '\t');
            if (line.Length == 0 || line.StartsWith('#')) continue;
            bool wellFormed = line.Length > 66 && line[64] == ' ' && (line[65] == ' ' || line[65] == '*')
                              && line.AsSpan(0, 64).ContainsAnyExcept("0123456789abcdefABCDEF") == false;
            if (!wellFormed)
                throw new InvalidDataException($"Line {i + 1} of checksum manifest '{path}' is not '<64 hex digits>  <file name>': \"{lines[i]}\".");
            hashes[line[66..]] = line[..64].ToLowerInvariant();
        }
        return new Sha256Manifest(path, hashes);
    }

    /// <summary>Throws unless the SHA-256 of <paramref name="content"/> is the one listed for <paramref name="name"/>.</summary>
    /// <param name="name">The name as listed in the manifest.</param>
    /// <param name="content">The bytes to check.</param>
    /// <param name="described">How the error names the bytes, e.g. the file's path.</param>
    public void Verify(string name, ReadOnlySpan<byte> content, string described) =>
        VerifyHash(name, SHA256.HashData(content), described);

    /// <summary>Throws unless <paramref name="sha256"/> is the hash listed for <paramref name="name"/>.</summary>
    public void VerifyHash(string name, byte[] sha256, string described)
    {
        if (!_hashes.TryGetValue(name, out string? expected))
            throw new InvalidDataException($"Checksum manifest '{Path}' has no line for '{name}', so {described} cannot be verified.");
        string actual = Convert.ToHexStringLower(sha256);
        if (actual != expected)
            throw new InvalidDataException(
                $"SHA-256 checksum mismatch for {described}: '{Path}' expects {expected}, the data hashes to {actual}. " +
                "The file is damaged or was replaced; restore it (e.g. git checkout the datasets folder).");
    }
}
