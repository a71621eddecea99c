namespace KafkaTemplates.Publishing.Settings;

/// <summary>
/// A token from the configuration or the environment. It prints as <c>***</c>, so a record, a log line or an
/// exception that mentions it never shows it; only the code that sends it to its host reads it.
/// </summary>
public sealed class HostToken(string value)
{
    internal string Reveal() => value;

    public override string ToString() => "***";
}
