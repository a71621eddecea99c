namespace KafkaTemplates.Publishing.Settings;

/// <summary>How often and how patiently a host that is down or rate-limits is asked again before the step fails.</summary>
public sealed record RetryPolicy
{
    public int Attempts { get; init; } = 4;

    /// <summary>The wait before the second attempt; each later one waits twice as long.</summary>
    public TimeSpan FirstDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait a host's Retry-After or rate-limit reset may ask for; beyond it the step fails at once.</summary>
    public TimeSpan LongestWait { get; init; } = TimeSpan.FromSeconds(60);
}
