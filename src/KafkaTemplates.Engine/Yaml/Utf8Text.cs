namespace KafkaTemplates.Engine.Yaml;

/// <summary>Where bytes stop being UTF-8, for readers that refuse such text rather than replace what they cannot read.</summary>
internal static class Utf8Text
{
    /// <summary>The offset of the first byte that cannot start or continue a UTF-8 character, or null.</summary>
    public static int? FirstInvalid(ReadOnlySpan<byte> utf8)
    {
        var offset = 0;
        while (offset < utf8.Length)
        {
            if (System.Text.Rune.DecodeFromUtf8(utf8[offset..], out _, out var consumed) != System.Buffers.OperationStatus.Done) return offset;
            offset += consumed;
        }
        return null;
    }

    /// <summary>The line and column (in bytes) of an offset.</summary>
    public static SourceMark MarkOf(ReadOnlySpan<byte> utf8, int offset, string what)
    {
        var line = 1;
        var lineStart = 0;
        for (var i = 0; i < offset; i++)
        {
            if (utf8[i] != (byte)'\n') continue;
            line++;
            lineStart = i + 1;
        }
        return new SourceMark(what, line, offset - lineStart + 1);
    }
}
