using KafkaTemplates.Publishing.Settings;

namespace KafkaTemplates.Publishing.Hosts;

/// <summary>Why a call may succeed if asked again (the host is down, overloaded or rate-limits), and how long it asked us to wait.</summary>
internal sealed record TransientFailure(string Reason, TimeSpan? RetryAfter = null);

/// <summary>
/// Asks a host again, with doubling waits, while it is down or rate-limits; then fails naming the host and why. A
/// failure that will not change (a name taken, a missing scope) is not retried.
/// </summary>
internal static class HostRetry
{
    public static async Task<T> RunAsync<T>(string host, RetryPolicy policy, Func<Task<T>> call, Func<Exception, TransientFailure?> classify,
        Action<string>? log, CancellationToken cancellationToken)
    {
        var delay = policy.FirstDelay;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await call();
            }
            catch (Exception e) when (e is not OperationCanceledException && classify(e) is { } transient)
            {
                if (attempt >= policy.Attempts)
                    throw new PublishException($"{host} {transient.Reason} on each of {policy.Attempts} attempts; nothing more was done there, try again later", e);
                var wait = transient.RetryAfter is { } asked && asked > delay ? asked : delay;
                if (wait > policy.LongestWait)
                    throw new PublishException($"{host} {transient.Reason} and asks to wait {wait.TotalSeconds:0} s, longer than {policy.LongestWait.TotalSeconds:0} s; try again later", e);
                log?.Invoke($"{host} {transient.Reason}; asking again in {wait.TotalSeconds:0.##} s (attempt {attempt + 1} of {policy.Attempts})");
                await Task.Delay(wait, cancellationToken);
                delay *= 2;
            }
        }
    }
}
