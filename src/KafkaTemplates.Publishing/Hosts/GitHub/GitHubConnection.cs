using System.Globalization;
using System.Text.Json.Nodes;
using KafkaTemplates.Publishing.Settings;

namespace KafkaTemplates.Publishing.Hosts.GitHub;

/// <summary>
/// GitHub's REST API for one configured host (<see cref="HostApi"/>), with the headers GitHub asks of every client, and
/// what its answers mean: which failures are worth asking again (down, 5xx, the primary and secondary rate limits,
/// with the wait GitHub asked for) and which name a refused token or a missing scope. Other answers become a
/// <see cref="GitHubAnswer"/> the caller words or lets through.
/// </summary>
internal sealed class GitHubConnection
{
    /// <summary>The REST API version the calls are written against (GitHub's X-GitHub-Api-Version).</summary>
    public const string ApiVersion = "2022-11-28";

    private readonly HostToken _token;
    private readonly HostApi _api;

    public GitHubConnection(HostIntegration host, RetryPolicy retry)
    {
        Host = host;
        _token = host.Token ?? throw new PublishException($"no token for GitHub at {host.Host}: set {PublishSettings.GitHubTokenVariable} (scopes: repo, and admin:org to give teams access)");
        _api = new HostApi($"GitHub at {host.Host}", ApiRoot(host.ApiBaseUrl), retry, PublishSettings.GitHubTokenVariable, headers =>
            {
                // GitHub refuses a request without a User-Agent; the token is sent as GitHub's documents show it.
                headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", _token.Reveal());
                headers.UserAgent.ParseAdd("kafka-templates");
                headers.Accept.ParseAdd("application/vnd.github+json");
                headers.Add("X-GitHub-Api-Version", ApiVersion);
            },
            (reply, what) => new GitHubAnswer($"GitHub at {host.Host}", what, reply), Transient);
    }

    public HostIntegration Host { get; }

    public string Name => _api.Name;

    public Upgrades.Sources.GitCredentials GitCredentials => new(Host.GitUserName, _token.Reveal());

    /// <summary>
    /// The API's root: GitHub Enterprise Server serves it under <c>/api/v3/</c> of the server's base URL, github.com at
    /// api.github.com itself. A base URL that already names <c>/api/v3</c> is taken as it is.
    /// </summary>
    public static Uri ApiRoot(Uri baseUrl)
    {
        var root = baseUrl.AbsoluteUri.TrimEnd('/');
        if (baseUrl.Host.Equals("api.github.com", StringComparison.OrdinalIgnoreCase) || root.EndsWith("/api/v3", StringComparison.OrdinalIgnoreCase))
            return new Uri(root + "/");
        return new Uri(root + "/api/v3/");
    }

    /// <summary>One call; a success returns the JSON body (null when empty). The call is asked again while GitHub is down or rate-limits.</summary>
    public async Task<JsonNode?> SendAsync(HttpMethod method, string path, JsonNode? body, string what, Action<string>? log, CancellationToken cancellationToken) =>
        (await ReplyAsync(method, path, body, what, log, cancellationToken)).Body;

    /// <summary>The most pages a list is read to: 10,000 items, far more than the open pull requests of one branch.</summary>
    public const int MaxPages = 100;

    /// <summary>Every item of a list GitHub pages, following the Link header's next page (100 items a page).</summary>
    public async Task<IReadOnlyList<JsonObject>> ListAsync(string path, string what, Action<string>? log, CancellationToken cancellationToken)
    {
        var items = new List<JsonObject>();
        string? next = path + (path.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "per_page=100";
        for (var pages = 1; next is not null; pages++)
        {
            // A host whose next page never ends (or points back at itself) would keep the run asking for ever.
            if (pages > MaxPages)
                throw new PublishException($"{Name} still had a next page after {MaxPages} pages of 100 while trying to {what}; no list the tool reads is that long, so the host's Link header is wrong");
            var reply = await ReplyAsync(HttpMethod.Get, next, null, what, log, cancellationToken);
            if (reply.Body is not JsonArray page)
                throw new PublishException($"{Name} answered the call to {what} with {Describe(reply.Body)} where GitHub sends a list");
            items.AddRange(page.OfType<JsonObject>());
            next = reply.NextPage;
        }
        return items;
    }

    /// <summary>A string field of an answer GitHub always sends; its absence is a clear message naming the call, not a crash.</summary>
    public string Field(JsonNode? answer, string field, string what) =>
        answer is JsonObject o && o[field] is JsonValue v && v.TryGetValue<string>(out var text) ? text
        : throw new PublishException($"{Name} answered the call to {what} without '{field}' ({Describe(answer)}); is the API URL a GitHub API?");

    private async Task<HostReply> ReplyAsync(HttpMethod method, string path, JsonNode? body, string what, Action<string>? log, CancellationToken cancellationToken)
    {
        try
        {
            return await _api.SendAsync(method, path, body, what, log, cancellationToken);
        }
        catch (GitHubAnswer a) when (a.Status is 403 or 404 && MissingScope(a.Reply) is { } scope)
        {
            throw new PublishException($"the token for {Name} lacks the scope '{scope}' needed to {what} (it has: {Scopes(a.Reply)}); give the token the '{scope}' scope", a);
        }
    }

    /// <summary>The scope GitHub said the call needs (X-Accepted-OAuth-Scopes) that the token (X-OAuth-Scopes) does not have.</summary>
    private static string? MissingScope(HostReply reply)
    {
        var accepted = reply.Header("X-Accepted-OAuth-Scopes");
        if (accepted.Count == 0) return null;
        var granted = reply.Header("X-OAuth-Scopes");
        return accepted.Any(granted.Contains) ? null : accepted[0];
    }

    private static string Scopes(HostReply reply) => reply.Header("X-OAuth-Scopes") is { Count: > 0 } scopes ? string.Join(", ", scopes) : "no scopes";

    /// <summary>
    /// GitHub's rate limits as its documents describe them: the primary one is a 403 or 429 with X-RateLimit-Remaining 0,
    /// over until X-RateLimit-Reset; the secondary one a 403 or 429 with Retry-After, or without it a minute's wait.
    /// </summary>
    private static TransientFailure? Transient(HostAnswer a)
    {
        if (a.Status is 403 or 429)
        {
            if (a.Reply.Header("X-RateLimit-Remaining") is ["0"])
            {
                var reset = a.Reply.Header("X-RateLimit-Reset") is [var seconds] && long.TryParse(seconds, NumberStyles.None, CultureInfo.InvariantCulture, out var unix)
                    ? DateTimeOffset.FromUnixTimeSeconds(unix) : DateTimeOffset.UtcNow;
                var wait = reset - DateTimeOffset.UtcNow;
                return new TransientFailure("rate-limits this token (no requests left until " + reset.ToString("u", CultureInfo.InvariantCulture) + ")",
                    wait > TimeSpan.Zero ? wait : TimeSpan.Zero);
            }
            if (a.Reply.RetryAfter is { } retryAfter) return new TransientFailure("asks to slow down (secondary rate limit)", retryAfter);
            if (a.Text.Contains("secondary rate limit", StringComparison.OrdinalIgnoreCase))
                return new TransientFailure("asks to slow down (secondary rate limit)", TimeSpan.FromMinutes(1));
            return null;
        }
        return a.Status >= 500 ? new TransientFailure($"answered {a.Status} ({a.Text})", a.Reply.RetryAfter) : null;
    }

    private static string Describe(JsonNode? answer) => answer switch
    {
        null => "no body",
        JsonArray => "a list",
        JsonObject => "an object",
        _ => "a single value",
    };
}

/// <summary>
/// A GitHub answer that was not a success: its status, GitHub's <c>message</c> and the <c>errors</c> it lists (a
/// 422's field errors, each with a message or a code).
/// </summary>
internal sealed class GitHubAnswer(string host, string what, HostReply reply) : HostAnswer(host, what, reply, TextOf(reply.Body))
{
    /// <summary>GitHub's <c>message</c>, its first line (a 422's further lines repeat the errors).</summary>
    public string Headline => Text.Split('\n')[0];

    /// <summary>The messages (or codes) of the <c>errors</c> GitHub listed.</summary>
    public IReadOnlyList<string> Errors =>
        Body?["errors"] is JsonArray errors
            ? [.. errors.Select(e => e is JsonObject o ? (o["message"] ?? o["code"])?.ToString() ?? "" : e?.ToString() ?? "").Where(m => m.Length > 0)]
            : [];

    private static string TextOf(JsonNode? body) => body is JsonObject o && o["message"] is JsonValue message ? message.ToString() : "no message";
}
