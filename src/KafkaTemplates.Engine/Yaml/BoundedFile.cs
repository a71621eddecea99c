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

    /// <summary>The file's text, decoded as <see cref="File.ReadAllText(string)"/> does (UTF-8 unless a byte order mark says otherwise).</summary>
    public static string ReadText(string path, string display, InputLimits? limits = null) => Decode(ReadBytes(path, display, limits));

    public static string Decode(byte[] bytes)
    {
        using var reader = new StreamReader(new MemoryStream(bytes), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return reader.ReadToEnd();
    }

    private static InputLimitException TooLarge(string display, long max) =>
        new(SourceMark.None(display), $"the file is larger than {InputLimits.Size(max)}, the most this tool reads; is it the right file?");
}
