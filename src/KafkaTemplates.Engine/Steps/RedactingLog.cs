namespace KafkaTemplates.Engine.Steps;

/// <summary>
/// Wraps a log so no secret answer can reach it, whatever a template's <c>debug:log</c> or an error message
/// prints: every occurrence of a secret value is replaced before the entry is written, in any letter case (so
/// <c>upper</c> and <c>lower</c> of a secret are masked too), and so is every value the run derived from a secret
/// (<see cref="AddDerived"/>: <c>replace</c>, <c>trim</c>, a message built around one), found by <see cref="SecretTaint"/>.
/// </summary>
public sealed class RedactingLog(IScaffoldLog inner, IEnumerable<string> secrets) : IScaffoldLog
{
    public const string Mask = "***";

    /// <summary>Shorter derived values are not masked wherever they appear: "3" or "true" would blank every log line.</summary>
    public const int MinimumDerivedLength = 4;

    // Longest first, so a secret that contains another is masked whole.
    private readonly string[] _secrets = secrets.Where(s => s.Length > 0).Distinct().OrderByDescending(s => s.Length).ToArray();
    private readonly Lock _gate = new();
    private string[] _derived = [];

    public void Write(ScaffoldLogLevel level, string? stepId, string message) => inner.Write(level, stepId, Redact(message));

    /// <summary>Masks a value computed from a secret from now on, and the same value with its secrets masked.</summary>
    public void AddDerived(string value)
    {
        if (value.Length < MinimumDerivedLength) return;
        var masked = RedactSecrets(value);
        lock (_gate)
            _derived = [.. _derived.Append(value).Append(masked).Where(v => v.Length >= MinimumDerivedLength && v != Mask).Distinct().OrderByDescending(v => v.Length)];
    }

    public string Redact(string text)
    {
        text = RedactSecrets(text);
        string[] derived;
        lock (_gate) derived = _derived;
        foreach (var value in derived) text = text.Replace(value, Mask, StringComparison.OrdinalIgnoreCase);
        return text;
    }

    private string RedactSecrets(string text)
    {
        foreach (var secret in _secrets) text = text.Replace(secret, Mask, StringComparison.OrdinalIgnoreCase);
        return text;
    }
}
