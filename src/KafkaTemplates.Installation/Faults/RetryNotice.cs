namespace KafkaTemplates.Installation.Faults;

/// <summary>One retried request: what failed, and how long the client waits before the next attempt.</summary>
internal sealed record RetryNotice(string Method, string Path, string Reason, int Attempt, int MaxAttempts, TimeSpan Delay, bool FromRetryAfter)
{
    public override string ToString() =>
        $"{Method} {Path}: {Reason}; retrying in {Format(Delay)}{(FromRetryAfter ? " (Retry-After)" : "")}, attempt {Attempt + 1} of {MaxAttempts}";

    private static string Format(TimeSpan t) => t.TotalSeconds >= 1 ? $"{t.TotalSeconds:0.#}s" : $"{t.TotalMilliseconds:0}ms";
}
