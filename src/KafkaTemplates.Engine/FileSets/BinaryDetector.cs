namespace KafkaTemplates.Engine.FileSets;

/// <summary>
/// Decides whether content is binary, the way Backstage's fetch:template does (via the isbinaryfile package):
/// a NUL byte, or too many control bytes in the first block, means binary. Binary files are never templated.
/// </summary>
internal static class BinaryDetector
{
    private const int SampleSize = 1024;

    public static bool IsBinary(ReadOnlySpan<byte> content)
    {
        var sample = content.Length > SampleSize ? content[..SampleSize] : content;
        if (sample.IsEmpty) return false;
        if (sample.StartsWith("%PDF-"u8)) return true;
        // A UTF-8/UTF-16 BOM marks text.
        if (sample.StartsWith(new byte[] { 0xEF, 0xBB, 0xBF })) return false;
        if (sample.StartsWith(new byte[] { 0xFF, 0xFE }) || sample.StartsWith(new byte[] { 0xFE, 0xFF })) return false;

        var suspicious = 0;
        for (var i = 0; i < sample.Length; i++)
        {
            var b = sample[i];
            if (b == 0) return true;
            if (b < 7 || (b > 14 && b < 32)) suspicious++;
            else if (b >= 0x80 && !IsUtf8SequenceAt(sample, ref i)) suspicious++;
        }
        return suspicious * 10 > sample.Length;
    }

    private static bool IsUtf8SequenceAt(ReadOnlySpan<byte> s, ref int i)
    {
        var b = s[i];
        var extra = b >= 0xF0 && b <= 0xF4 ? 3 : b >= 0xE0 ? 2 : b >= 0xC2 && b < 0xE0 ? 1 : -1;
        if (extra < 0) return false;
        for (var k = 1; k <= extra; k++)
        {
            // A sequence cut off by the sample boundary still counts as text.
            if (i + k >= s.Length) { i = s.Length; return true; }
            if ((s[i + k] & 0xC0) != 0x80) return false;
        }
        i += extra;
        return true;
    }
}
