using System.Net;
using Octokit;
using KafkaTemplates.Publishing.Settings;

namespace KafkaTemplates.Publishing.Hosts.GitHub;

/// <summary>
/// An Octokit client for one configured GitHub host, and what GitHub's answers mean: which failures are worth asking
/// again (down, 5xx, rate limits, with the wait GitHub asked for) and which name a missing token or scope.
/// </summary>
internal sealed class GitHubConnection
{
    public GitHubConnection(HostIntegration host, RetryPolicy retry)
    {
        Host = host;
        Retry = retry;
        // Octokit reads GitHub's answers by reflection that the native (ahead-of-time compiled) tool does not have: it
        // would create the repository and then fail on the answer. Refuse before anything is sent.
        if (!System.Runtime.CompilerServices.RuntimeFeature.IsDynamicCodeSupported)
            throw new PublishException($"GitHub steps (publish:github, upgrade --pull-request on GitHub) do not work in the native kafka-templates yet (its GitHub client needs runtime reflection); run them with the framework-dependent tool (`dotnet pack src/KafkaTemplates.Cli` without -p:NativeTool=true) or the portal run from it. Nothing was sent to {host.Host}");
        if (host.Token is null)
            throw new PublishException($"no token for GitHub at {host.Host}: set {PublishSettings.GitHubTokenVariable} (scopes: repo, and admin:org to give teams access)");
        // Octokit adds /api/v3/ to any base URL but api.github.com, as GitHub Enterprise Server serves its API there.
        Client = new GitHubClient(new ProductHeaderValue("kafka-templates"), host.ApiBaseUrl)
        {
            Credentials = new Credentials(host.Token.Reveal()),
        };
    }

    public HostIntegration Host { get; }

    public RetryPolicy Retry { get; }

    public GitHubClient Client { get; }

    public Upgrades.Sources.GitCredentials GitCredentials => new(Host.GitUserName, Host.Token!.Reveal());

    /// <summary>One API call, asked again while GitHub is down or rate-limits; other failures become a clear message.</summary>
    public async Task<T> CallAsync<T>(string what, Func<GitHubClient, Task<T>> call, Action<string>? log, CancellationToken cancellationToken)
    {
        try
        {
            return await HostRetry.RunAsync($"GitHub at {Host.Host}", Retry, () => call(Client), Transient, log, cancellationToken);
        }
        catch (AuthorizationException e)
        {
            throw new PublishException($"GitHub at {Host.Host} refused the token while trying to {what} ({Status(e)} {e.Message}); set {PublishSettings.GitHubTokenVariable} to a valid token", e);
        }
        catch (ApiException e) when (e.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound && MissingScope(e) is { } scope)
        {
            throw new PublishException($"the token for GitHub at {Host.Host} lacks the scope '{scope}' needed to {what} (it has: {Scopes(e)}); give the token the '{scope}' scope", e);
        }
    }

    /// <summary>The scope GitHub said the call needs (X-Accepted-OAuth-Scopes) that the token (X-OAuth-Scopes) does not have.</summary>
    private static string? MissingScope(ApiException e)
    {
        if (e.HttpResponse?.Headers is not { } headers) return null;
        var accepted = Header(headers, "X-Accepted-OAuth-Scopes");
        if (accepted.Count == 0) return null;
        var granted = Header(headers, "X-OAuth-Scopes");
        return accepted.Any(granted.Contains) ? null : accepted[0];
    }

    private static string Scopes(ApiException e) =>
        e.HttpResponse?.Headers is { } headers && Header(headers, "X-OAuth-Scopes") is { Count: > 0 } scopes ? string.Join(", ", scopes) : "no scopes";

    private static List<string> Header(IReadOnlyDictionary<string, string> headers, string name) =>
        headers.FirstOrDefault(h => h.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Value is { } value
            ? [.. value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)]
            : [];

    private static TransientFailure? Transient(Exception e) => e switch
    {
        RateLimitExceededException r => new TransientFailure("rate-limits this token (no requests left until " + r.Reset.ToString("u", System.Globalization.CultureInfo.InvariantCulture) + ")",
            r.Reset - DateTimeOffset.UtcNow is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero),
        SecondaryRateLimitExceededException s => new TransientFailure("asks to slow down (secondary rate limit)", RetryAfter(s)),
        ApiException a when (int)a.StatusCode >= 500 || a.StatusCode == HttpStatusCode.TooManyRequests =>
            new TransientFailure($"answered {(int)a.StatusCode} {a.StatusCode}", RetryAfter(a)),
        HttpRequestException h => new TransientFailure("could not be reached (" + h.Message + ")"),
        TaskCanceledException => new TransientFailure("did not answer in time"),
        _ => null,
    };

    private static TimeSpan? RetryAfter(ApiException e) =>
        e.HttpResponse?.Headers is { } headers && Header(headers, "Retry-After") is [var seconds, ..] && int.TryParse(seconds, out var s) ? TimeSpan.FromSeconds(s) : null;

    private static string Status(ApiException e) => $"{(int)e.StatusCode}";
}
