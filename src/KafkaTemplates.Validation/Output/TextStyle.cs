namespace KafkaTemplates.Validation.Output;

/// <summary>What a piece of the human-readable report is, so a terminal can colour it and a log can ignore it.</summary>
public enum TextStyle
{
    Plain,
    File,
    Position,
    Error,
    Warning,
    Note,
    Code,
    Dim,
    Success,
}
