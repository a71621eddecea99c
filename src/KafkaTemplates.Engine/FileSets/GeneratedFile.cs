using System.Text;

namespace KafkaTemplates.Engine.FileSets;

/// <summary>One file of a rendered repo: where it goes, what it holds, and whether it is executable.</summary>
public sealed record GeneratedFile(string Path, ReadOnlyMemory<byte> Content, RepoFileMode Mode = RepoFileMode.Regular)
{
    public static GeneratedFile FromText(string path, string text, RepoFileMode mode = RepoFileMode.Regular) =>
        new(path, Utf8NoBom.GetBytes(text), mode);

    public string ReadText() => Utf8NoBom.GetString(Content.Span);

    public bool IsBinary => BinaryDetector.IsBinary(Content.Span);

    internal static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);
}
