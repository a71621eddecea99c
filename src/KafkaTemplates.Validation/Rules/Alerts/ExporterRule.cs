using KafkaTemplates.Engine.Yaml;

namespace KafkaTemplates.Validation.Rules.Alerts;

/// <summary>One rule of the JMX exporter configuration, with the line it starts on.</summary>
internal sealed record ExporterRule(string? Pattern, string? Name, string? Type, SourceMark Mark, SourceMark PatternMark, SourceMark NameMark, SourceMark TypeMark)
{
    /// <summary>A name without $n captures: the one series name this rule can produce.</summary>
    public bool IsLiteral => Name is { } n && !n.Contains('$', StringComparison.Ordinal);
}
