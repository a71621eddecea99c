using System.Text;
using System.Text.Json.Nodes;
using KafkaTemplates.Publishing.Settings;

namespace KafkaTemplates.Publishing.Hosts.GitLab;

/// <summary>
/// GitLab's REST API v4 for one configured host, the calls publish:gitlab makes, with the token in the PRIVATE-TOKEN
/// header. A host that is down, answers 5xx or 429 is asked again (<see cref="HostRetry"/>); other answers become a
/// <see cref="GitLabAnswer"/> failure the caller words, or a clear message for a refused token or a missing scope.
/// </summary>
internal sealed class GitLabClient
{
    private static readonly HttpClient Shared = new() { Timeout = TimeSpan.FromSeconds(100) };

    private readonly HostToken _token;

    public GitLabClient(HostIntegration host, RetryPolicy retry)
    {
        Host = host;
        Retry = retry;
        _token = host.Token ?? throw new PublishException($"no token for GitLab at {host.Host}: set {PublishSettings.GitLabTokenVariable} (a personal, group or project access token with the scope 'api')");
    }

    public HostIntegration Host { get; }

    public RetryPolicy Retry { get; }

    public string Name => $"GitLab at {Host.Host}";

    public Upgrades.Sources.GitCredentials GitCredentials => new(Host.GitUserName, _token.Reveal());

    /// <summary>One call; a success returns the JSON body (null when empty), any other answer throws <see cref="GitLabAnswer"/>.</summary>
    public async Task<JsonNode?> SendAsync(HttpMethod method, string path, JsonObject? body, string what, Action<string>? log, CancellationToken cancellationToken)
    {
        try
        {
            return await HostRetry.RunAsync(Name, Retry, async () =>
            {
                var url = new Uri(new Uri(Host.ApiBaseUrl.AbsoluteUri.TrimEnd('/') + "/"), path);
                using var request = new HttpRequestMessage(method, url);
                if (body is not null) request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
                request.Headers.Add("PRIVATE-TOKEN", _token.Reveal());
                using var response = await Shared.SendAsync(request, cancellationToken);
                var text = await response.Content.ReadAsStringAsync(cancellationToken);
                JsonNode? json = null;
                try
                {
                    json = text.Length > 0 ? JsonNode.Parse(text) : null;
                }
                catch (System.Text.Json.JsonException)
                {
                    // A proxy's error page is reported by its status.
                }
                if (response.IsSuccessStatusCode) return json;
                throw new GitLabAnswer((int)response.StatusCode, json, response.Headers.RetryAfter?.Delta);
            }, e => e switch
            {
                GitLabAnswer a when a.Status >= 500 || a.Status == 429 => new TransientFailure($"answered {a.Status} ({a.Text})", a.RetryAfter),
                HttpRequestException h => new TransientFailure($"could not be reached ({h.Message})"),
                TaskCanceledException when !cancellationToken.IsCancellationRequested => new TransientFailure("did not answer in time"),
                _ => null,
            }, log, cancellationToken);
        }
        catch (GitLabAnswer a) when (a.Status == 401)
        {
            throw new PublishException($"{Name} refused the token while trying to {what} (401 {a.Text}); set {PublishSettings.GitLabTokenVariable} to a valid token", a);
        }
        catch (GitLabAnswer a) when (a.Status == 403 && a.Body?["error"]?.GetValue<string>() == "insufficient_scope")
        {
            var scope = a.Body?["scope"]?.GetValue<string>() ?? "api";
            throw new PublishException($"the token for {Name} lacks the scope '{scope}' needed to {what}; give the token the '{scope}' scope", a);
        }
    }
}

/// <summary>A GitLab answer that was not a success: its status and body (GitLab's <c>message</c> is a string or a field → errors map).</summary>
internal sealed class GitLabAnswer(int status, JsonNode? body, TimeSpan? retryAfter) : Exception($"{status} {TextOf(body)}")
{
    public int Status { get; } = status;

    public JsonNode? Body { get; } = body;

    public TimeSpan? RetryAfter { get; } = retryAfter;

    public string Text => TextOf(Body);

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
