using System.Text.Json.Nodes;
using KafkaTemplates.Publishing.Settings;

namespace KafkaTemplates.Publishing.Hosts.GitLab;

/// <summary>
/// GitLab's REST API v4 for one configured host (<see cref="HostApi"/>), the calls publish:gitlab makes, with the token
/// in the PRIVATE-TOKEN header. A host that is down, answers 5xx or 429 is asked again; other answers become a
/// <see cref="GitLabAnswer"/> failure the caller words, or a clear message for a refused token or a missing scope.
/// </summary>
internal sealed class GitLabClient
{
    private readonly HostToken _token;
    private readonly HostApi _api;

    public GitLabClient(HostIntegration host, RetryPolicy retry)
    {
        Host = host;
        _token = host.Token ?? throw new PublishException($"no token for GitLab at {host.Host}: set {PublishSettings.GitLabTokenVariable} (a personal, group or project access token with the scope 'api')");
        _api = new HostApi($"GitLab at {host.Host}", host.ApiBaseUrl, retry, PublishSettings.GitLabTokenVariable, headers => headers.Add("PRIVATE-TOKEN", _token.Reveal()),
            (reply, what) => new GitLabAnswer($"GitLab at {host.Host}", what, reply),
            a => a.Status >= 500 || a.Status == 429 ? new TransientFailure($"answered {a.Status} ({a.Text})", a.Reply.RetryAfter) : null);
    }

    public HostIntegration Host { get; }

    public RetryPolicy Retry => _api.Retry;

    public string Name => _api.Name;

    public Upgrades.Sources.GitCredentials GitCredentials => new(Host.GitUserName, _token.Reveal());

    /// <summary>One call; a success returns the JSON body (null when empty), any other answer throws <see cref="GitLabAnswer"/>.</summary>
    public async Task<JsonNode?> SendAsync(HttpMethod method, string path, JsonObject? body, string what, Action<string>? log, CancellationToken cancellationToken)
    {
        try
        {
            return (await _api.SendAsync(method, path, body, what, log, cancellationToken)).Body;
        }
        catch (GitLabAnswer a) when (a.Status == 403 && a.Body?["error"]?.GetValue<string>() == "insufficient_scope")
        {
            var scope = a.Body?["scope"]?.GetValue<string>() ?? "api";
            throw new PublishException($"the token for {Name} lacks the scope '{scope}' needed to {what}; give the token the '{scope}' scope", a);
        }
    }
}

/// <summary>A GitLab answer that was not a success: its status and body (GitLab's <c>message</c> is a string or a field → errors map).</summary>
internal sealed class GitLabAnswer(string host, string what, HostReply reply) : HostAnswer(host, what, reply, TextOf(reply.Body))
{
    /// <summary>The errors GitLab lists for a field (<c>{"message":{"name":["has already been taken"]}}</c>).</summary>
    public IReadOnlyList<string> FieldErrors(string field) =>
        Body?["message"] is JsonObject fields && fields[field] is JsonArray errors ? [.. errors.Select(e => e?.ToString() ?? "")] : [];

    private static string TextOf(JsonNode? body) => body switch
    {
        JsonObject o when o["message"] is JsonObject fields => string.Join("; ", fields.Select(f => $"{f.Key} {string.Join(", ", (f.Value as JsonArray ?? []).Select(v => v?.ToString()))}")),
        JsonObject o when o["message"] is JsonValue m => m.ToString(),
        JsonObject o when o["error"] is JsonValue e => e.ToString() + (o["error_description"] is JsonValue d ? ": " + d : ""),
        _ => "no message",
    };
}
