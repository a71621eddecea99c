namespace KafkaTemplates.Engine.Yaml;

/// <summary>
/// A YAML (or JSON) document that does not parse, or that the reader refuses: a duplicate key, for one, or an input
/// over its <see cref="InputLimits"/>.
/// </summary>
public class YamlFormatException(SourceMark mark, string problem)
    : Exception($"{mark}: {problem}")
{
    public SourceMark Mark { get; } = mark;
    public string Problem { get; } = problem;
}
