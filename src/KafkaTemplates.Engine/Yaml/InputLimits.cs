using System.Globalization;

namespace KafkaTemplates.Engine.Yaml;

/// <summary>
/// How much untrusted input (answers and values files, template.yaml from folders and git tags, a repo's chart,
/// portal requests) a reader takes before it refuses, so that no file can hang the tool or exhaust its memory.
/// Every limit is far above what a real file needs; going over one is an error that names the file and the limit.
/// </summary>
public sealed record InputLimits
{
    /// <summary>The limits for every file and request the tool reads.</summary>
    public static readonly InputLimits Default = new();

    /// <summary>Largest file read, in bytes (8 MiB).</summary>
    public long MaxBytes { get; init; } = 8 * 1024 * 1024;

    /// <summary>Deepest nesting of mappings and lists.</summary>
    public int MaxDepth { get; init; } = 64;

    /// <summary>
    /// Most values, keys and list items in one document, counting every copy an alias (<c>*name</c>) or a merge key
    /// (<c>&lt;&lt;</c>) makes: a few kilobytes of aliases can otherwise expand into billions of nodes.
    /// </summary>
    public int MaxNodes { get; init; } = 200_000;

    /// <summary>Most problems reported for one input; the rest are counted, not listed.</summary>
    public int MaxErrors { get; init; } = 20;

    /// <summary>Longest piece of an input quoted back in a message, in characters.</summary>
    public int MaxQuotedLength { get; init; } = 80;

    /// <summary>Text quoted back in a message, shortened to <see cref="MaxQuotedLength"/> with its real length said.</summary>
    public string Quote(string text) =>
        text.Length <= MaxQuotedLength
            ? text
            : string.Concat(text.AsSpan(0, MaxQuotedLength), $"... ({text.Length.ToString("N0", CultureInfo.InvariantCulture)} characters)");

    /// <summary>"8 MiB"-style sizes for messages.</summary>
    public static string Size(long bytes) =>
        bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0 ? $"{bytes / (1024 * 1024)} MiB"
        : bytes >= 1024 && bytes % 1024 == 0 ? $"{bytes / 1024} KiB"
        : $"{bytes.ToString("N0", CultureInfo.InvariantCulture)} bytes";
}

/// <summary>An input went over one of the <see cref="InputLimits"/>; the message names the input and the limit.</summary>
public sealed class InputLimitException(SourceMark mark, string problem) : YamlFormatException(mark, problem);
