using System.Net;
using System.Net.Sockets;
using System.Security.Authentication;

namespace KafkaTemplates.Installation.Faults;

/// <summary>
/// Sits in KubernetesClient's HTTP pipeline, so typed calls and raw calls alike are retried on 429, 5xx, timeouts and
/// dropped connections, honouring Retry-After. Every request the installer sends is idempotent (server-side apply,
/// GET, DELETE, access reviews), which is what makes retrying a 5xx safe.
/// </summary>
internal sealed class RetryHandler(RetryPolicy policy, Action<RetryNotice>? onRetry = null) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var isWatch = IsWatch(request.RequestUri);
        for (var attempt = 1; ; attempt++)
        {
            HttpResponseMessage? response = null;
            Exception? failure = null;
            using (var attemptTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                // A watch legitimately holds the response open for minutes; only its headers are bounded elsewhere.
                if (!isWatch) attemptTimeout.CancelAfter(policy.AttemptTimeout);
                var started = System.Diagnostics.Stopwatch.GetTimestamp();
                try
                {
                    response = await base.SendAsync(request, attemptTimeout.Token);
                }
                catch (Exception e) when ((e is OperationCanceledException || e is HttpRequestException) && TimedOut(attemptTimeout, started) && !cancellationToken.IsCancellationRequested)
                {
                    // The handler reports its own timeout as a cancellation or as an aborted socket, depending on when it hits.
                    failure = new TimeoutException($"no answer within {policy.AttemptTimeout.TotalSeconds:0.#}s", e);
                }
                catch (HttpRequestException e) when (!cancellationToken.IsCancellationRequested && IsTransient(e))
                {
                    failure = e;
                }
            }

            if (response is not null && !IsRetryable(response.StatusCode)) return response;
            if (attempt >= policy.MaxAttempts)
            {
                if (response is not null) return response;
                throw failure is TimeoutException t
                    ? new ClusterUnreachableException(
                        $"{request.Method} {request.RequestUri?.AbsolutePath}: the API server {Server(request.RequestUri)} gave " +
                        $"{t.Message} in {attempt} attempts; {Engine.Text.Setting.RequestTimeout} sets how long each answer may take", t)
                    : new ClusterUnreachableException($"{request.Method} {request.RequestUri?.AbsolutePath}: {Describe(failure!)} after {attempt} attempts", failure);
            }

            var retryAfter = response is null ? null : RetryAfter(response);
            var delay = retryAfter ?? policy.Backoff(attempt);
            var reason = response is null ? Describe(failure!) : $"{(int)response.StatusCode} {response.ReasonPhrase}";
            response?.Dispose();
            onRetry?.Invoke(new RetryNotice(request.Method.Method, request.RequestUri?.AbsolutePath ?? "", reason, attempt, policy.MaxAttempts, delay, retryAfter is not null));
            await policy.Delay(delay, cancellationToken);
        }
    }

    private static string Server(Uri? uri) => uri is null ? "" : uri.GetLeftPart(UriPartial.Authority);

    private bool TimedOut(CancellationTokenSource attemptTimeout, long started) =>
        attemptTimeout.IsCancellationRequested || System.Diagnostics.Stopwatch.GetElapsedTime(started) >= policy.AttemptTimeout;

    internal static bool IsRetryable(HttpStatusCode status) =>
        status is HttpStatusCode.TooManyRequests or HttpStatusCode.InternalServerError or HttpStatusCode.BadGateway
            or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout;

    /// <summary>Refused or reset connections pass when a control plane restarts; a TLS or DNS failure does not.</summary>
    private static bool IsTransient(HttpRequestException e)
    {
        for (Exception? inner = e; inner is not null; inner = inner.InnerException)
        {
            if (inner is AuthenticationException) return false;
            if (inner is SocketException { SocketErrorCode: SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain }) return false;
        }
        return true;
    }

    private TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        TimeSpan? value = header?.Delta ?? (header?.Date is { } date ? date - DateTimeOffset.UtcNow : null);
        if (value is null) return null;
        if (value < TimeSpan.Zero) value = TimeSpan.Zero;
        return value > policy.MaxRetryAfter ? policy.MaxRetryAfter : value;
    }

    private static bool IsWatch(Uri? uri) =>
        uri?.Query is { } q && (q.Contains("watch=true", StringComparison.Ordinal) || q.Contains("watch=1", StringComparison.Ordinal));

    internal static string Describe(Exception e)
    {
        var innermost = e;
        while (innermost.InnerException is not null && innermost is not SocketException) innermost = innermost.InnerException;
        return innermost is SocketException s ? $"{s.SocketErrorCode} ({s.Message})" : e.Message;
    }
}
