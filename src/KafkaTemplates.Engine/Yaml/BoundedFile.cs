using System.Text;

namespace KafkaTemplates.Engine.Yaml;

/// <summary>
/// Reads an untrusted file whole, up to <see cref="InputLimits.MaxBytes"/>. The size is checked while reading, not
/// only up front, since a device (<c>/dev/zero</c>) or a pipe reports none and never ends.
/// </summary>
public static class BoundedFile
{
    /// <summary>The file's bytes. <paramref name="display"/> names the file in messages.</summary>
    /// <exception cref="InputLimitException">The file is larger than the limit.</exception>
    public static byte[] ReadBytes(string path, string display, InputLimits? limits = null)
    {
        var max = (limits ?? InputLimits.Default).MaxBytes;
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        if (stream.CanSeek && stream.Length > max) throw TooLarge(display, max);
        if (stream.CanSeek && ReadWhole(stream) is { } whole) return whole;
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = stream.Read(chunk, 0, chunk.Length)) > 0)
        {
            if (buffer.Length + read > max) throw TooLarge(display, max);
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    /// <summary>
    /// A regular file read into one array of its size (repos and templates are read file by file, thousands a second
    /// in a fleet); null when the file changed size while read, which the chunked read then handles.
    /// </summary>
    private static byte[]? ReadWhole(FileStream stream)
    {
        var bytes = new byte[stream.Length];
        var filled = 0;
        while (filled < bytes.Length)
        {
            var read = stream.Read(bytes, filled, bytes.Length - filled);
            if (read == 0) break;
            filled += read;
        }
        if (filled != bytes.Length || stream.ReadByte() != -1)
        {
            stream.Position = 0;
            return null;
        }
        return bytes;
    }

    /// <summary>
    /// The text of a file read as YAML: UTF-8 (or UTF-16/32 when a byte order mark says so, as YAML allows). Bytes
    /// that are not UTF-8 are refused, naming where: replacing them would carry U+FFFD into the answers and the repo.
    /// </summary>
    /// <exception cref="YamlFormatException">The file is not UTF-8.</exception>
    public static string ReadText(string path, string display, InputLimits? limits = null) => DecodeYaml(ReadBytes(path, display, limits), display);

    /// <summary>Bytes of a YAML file as text, refused when they are not UTF-8 (see <see cref="ReadText"/>).</summary>
    /// <exception cref="YamlFormatException">The bytes are not UTF-8.</exception>
    public static string DecodeYaml(byte[] bytes, string display)
    {
        var span = bytes.AsSpan();
        var otherEncoding = span.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || span.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF])
            || span.StartsWith((ReadOnlySpan<byte>)[0x00, 0x00, 0xFE, 0xFF]);
        if (!otherEncoding && Utf8Text.FirstInvalid(span) is { } at)
            throw new YamlFormatException(Utf8Text.MarkOf(span, at, display), $"the file is not valid UTF-8 (byte {at + 1} cannot start or continue a character); save it as UTF-8");
        return Decode(bytes);
    }

    public static string Decode(byte[] bytes)
    {
        using var reader = new StreamReader(new MemoryStream(bytes), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return reader.ReadToEnd();
    }

    private static InputLimitException TooLarge(string display, long max) =>
        new(SourceMark.None(display), $"the file is larger than {InputLimits.Size(max)}, the most this tool reads; is it the right file?");
}
