namespace KafkaTemplates.Validation.Diagnostics;

/// <summary>
/// What one stable code means: its area, its severity, a title, and the help text `validate --explain` prints.
/// <paramref name="BlocksRendering"/> marks chart and values errors that helm would only repeat with a vaguer
/// location, so helm is not run while one of them remains.
/// </summary>
public sealed record DiagnosticDescriptor(
    string Code,
    string Name,
    DiagnosticArea Area,
    Severity Severity,
    string Title,
    string Help,
    bool BlocksRendering = false);
