namespace KafkaTemplates.Engine.Yaml;

/// <summary>A place in a source file, 1-based, for messages that point at the exact line to fix.</summary>
public readonly record struct SourceMark(string File, int Line, int Column)
{
    public static SourceMark None(string file) => new(file, 0, 0);

    public override string ToString() => Line > 0 ? $"{File}:{Line}:{Column}" : File;
}
