namespace KafkaTemplates.Validation.Output;

/// <summary>A piece of a report line and its style.</summary>
public readonly record struct TextSpan(string Text, TextStyle Style);
