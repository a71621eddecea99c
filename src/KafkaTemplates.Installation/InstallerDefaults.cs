using KafkaTemplates.Installation.Faults;

namespace KafkaTemplates.Installation;

/// <summary>Settings a front door does not expose as flags; tests hand in their own (a retry policy that does not sleep).</summary>
public sealed class InstallerDefaults
{
    public RetryPolicy Retry { get; init; } = RetryPolicy.Default;
}
