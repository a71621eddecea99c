namespace KafkaTemplates.Engine.Yaml;

/// <summary>YAML that does not parse, or that strict reading refuses (a duplicate key, for one).</summary>
public sealed class YamlFormatException(SourceMark mark, string problem)
    : Exception($"{mark}: {problem}")
{
    public SourceMark Mark { get; } = mark;
    public string Problem { get; } = problem;
}
