namespace KafkaTemplates.Installation.Faults;

/// <summary>
/// How calls to the API server are retried. 429 (priority and fairness), 5xx, timeouts and dropped connections are what
/// a busy or restarting control plane answers; they pass. Every other answer is final.
/// </summary>
public sealed record RetryPolicy
{
    /// <summary>Attempts per request, the first included.</summary>
    public int MaxAttempts { get; init; } = 6;

    /// <summary>Delay before the second attempt; it doubles with every further one.</summary>
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Upper bound of the computed backoff.</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(8);

    /// <summary>Upper bound of a server's Retry-After, so a bad header cannot stall the install for hours.</summary>
    public TimeSpan MaxRetryAfter { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How long one attempt may wait for response headers before it counts as timed out. Watches are exempt.</summary>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Waits between attempts; tests replace it to record the delays instead of sleeping.</summary>
    public Func<TimeSpan, CancellationToken, Task> Delay { get; init; } = Task.Delay;

    public static RetryPolicy Default { get; } = new();

    /// <summary>Exponential backoff with up to 20% jitter, so many clients do not retry in step.</summary>
    public TimeSpan Backoff(int failedAttempts)
    {
        var exponent = Math.Min(failedAttempts - 1, 16);
        var ms = Math.Min(BaseDelay.TotalMilliseconds * Math.Pow(2, exponent), MaxDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(ms * (1 + (Random.Shared.NextDouble() * 0.2)));
    }
}
