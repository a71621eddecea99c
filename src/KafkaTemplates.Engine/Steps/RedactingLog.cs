namespace KafkaTemplates.Engine.Steps;

/// <summary>
/// Wraps a log so no secret answer can reach it, whatever a template's <c>debug:log</c> or an error message
/// prints: every occurrence of a secret value is replaced before the entry is written.
/// </summary>
public sealed class RedactingLog(IScaffoldLog inner, IEnumerable<string> secrets) : IScaffoldLog
{
    public const string Mask = "***";

    // Longest first, so a secret that contains another is masked whole.
    private readonly string[] _secrets = secrets.Where(s => s.Length > 0).Distinct().OrderByDescending(s => s.Length).ToArray();

    public void Write(ScaffoldLogLevel level, string? stepId, string message) => inner.Write(level, stepId, Redact(message));

    public string Redact(string text)
    {
        foreach (var secret in _secrets) text = text.Replace(secret, Mask, StringComparison.Ordinal);
        return text;
    }
}
