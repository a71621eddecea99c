using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using KafkaTemplates.Publishing.Settings;

namespace KafkaTemplates.Publishing.Hosts;

/// <summary>
/// One git host's REST API over HttpClient and System.Text.Json nodes, which the native tool runs as the JIT does: a
/// call with a JSON body and a JSON answer, asked again (<see cref="HostRetry"/>) while the host is down, does not
/// answer in time, or its answer is one the host's <c>transient</c> rule says may change. A success is a
/// <see cref="HostReply"/>; a refused token (401) is a message naming the variable that holds it, when the host's token
/// comes from one; any other answer throws the host's <see cref="HostAnswer"/>, which names the host and the call.
/// GitHub, GitLab and the Backstage catalog each wrap one of these with their own headers and rules.
/// </summary>
internal sealed class HostApi(string name, Uri baseUrl, RetryPolicy retry, string? tokenVariable, Action<HttpRequestHeaders> headers,
    Func<HostReply, string, HostAnswer> refusal, Func<HostAnswer, TransientFailure?> transient)
{
    private static readonly HttpClient Shared = new() { Timeout = TimeSpan.FromSeconds(100) };

    /// <summary>
    /// The largest answer read: a REST answer, even a page of 100 pull requests, is a few hundred kilobytes, and
    /// reading whatever a host (or a proxy in its place) sends would let it fill the memory of the CLI or the portal.
    /// </summary>
    public const int MaxAnswerBytes = 16 * 1024 * 1024;

    /// <summary>How messages name the host: <c>GitHub at github.com</c>.</summary>
    public string Name => name;

    public RetryPolicy Retry => retry;

    /// <summary>
    /// One call to <paramref name="path"/> (relative to the API's base URL, or an absolute URL the host gave, such as a
    /// Link header's next page); <paramref name="what"/> says what it is for, in messages.
    /// </summary>
    public async Task<HostReply> SendAsync(HttpMethod method, string path, JsonNode? body, string what, Action<string>? log, CancellationToken cancellationToken)
    {
        try
        {
            return await CallAsync(method, path, body, what, log, cancellationToken);
        }
        catch (HostAnswer a) when (a.Status == 401 && tokenVariable is not null)
        {
            throw new PublishException($"{name} refused the token while trying to {what} (401 {a.Text}); set {tokenVariable} to a valid token", a);
        }
    }

    private Task<HostReply> CallAsync(HttpMethod method, string path, JsonNode? body, string what, Action<string>? log, CancellationToken cancellationToken) =>
        HostRetry.RunAsync(name, retry, async () =>
        {
            using var request = new HttpRequestMessage(method, Url(path));
            if (body is not null) request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
            headers(request.Headers);
            using var response = await Shared.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            var text = await ReadAnswerAsync(response, what, cancellationToken);
            JsonNode? json = null;
            var readable = true;
            try
            {
                json = text.Length > 0 ? JsonNode.Parse(text) : null;
            }
            catch (System.Text.Json.JsonException)
            {
                readable = false;
            }
            var reply = new HostReply((int)response.StatusCode, json, response.Headers);
            if (!response.IsSuccessStatusCode) throw refusal(reply, what);
            // A success whose body is not JSON is not the API answering (a proxy's or a login page): say so rather than read it as empty.
            if (!readable)
                throw new PublishException($"{name} answered the call to {what} with {(int)response.StatusCode} and a body that is not JSON ({Excerpt(text)}); check that the API URL is the host's REST API");
            return reply;
        }, e => e switch
        {
            HostAnswer a => transient(a),
            HttpRequestException h => new TransientFailure($"could not be reached ({h.Message})"),
            TaskCanceledException when !cancellationToken.IsCancellationRequested => new TransientFailure("did not answer in time"),
            _ => null,
        }, log, cancellationToken);

    private Uri Url(string path)
    {
        if (!Uri.TryCreate(path, UriKind.Absolute, out var absolute) || absolute.Scheme is not ("http" or "https"))
            return new Uri(new Uri(baseUrl.AbsoluteUri.TrimEnd('/') + "/"), path);
        // A URL the host gave (a next page) gets the token only when it is the API's own scheme, host and port.
        if (Uri.Compare(absolute, baseUrl, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) != 0)
            throw new PublishException($"{name} pointed to {absolute.GetLeftPart(UriPartial.Authority)}, another host than its API's; the token is not sent there");
        return absolute;
    }

    /// <summary>The answer's body as text (UTF-8, as GitHub's and GitLab's JSON is), refused past <see cref="MaxAnswerBytes"/>.</summary>
    private async Task<string> ReadAnswerAsync(HttpResponseMessage response, string what, CancellationToken cancellationToken)
    {
        if (response.Content.Headers.ContentLength > MaxAnswerBytes) throw TooLarge(what);
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var body = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (body.Length + read > MaxAnswerBytes) throw TooLarge(what);
            body.Write(chunk, 0, read);
        }
        return Encoding.UTF8.GetString(body.GetBuffer(), 0, (int)body.Length).TrimStart('\uFEFF');
    }

    private PublishException TooLarge(string what) =>
        new($"{name} answered the call to {what} with more than {MaxAnswerBytes / (1024 * 1024)} MiB, which no answer of its API needs; check that the API URL is the host's REST API");

    private static string Excerpt(string text)
    {
        var line = text.ReplaceLineEndings(" ").Trim();
        return line.Length > 60 ? $"'{line[..60]}…'" : $"'{line}'";
    }
}

/// <summary>A host's successful answer: its status, JSON body (null when empty) and headers.</summary>
internal sealed record HostReply(int Status, JsonNode? Body, HttpResponseHeaders Headers)
{
    /// <summary>A header's comma-separated values, trimmed; empty when absent.</summary>
    public IReadOnlyList<string> Header(string header) =>
        Headers.TryGetValues(header, out var values)
            ? [.. values.SelectMany(v => v.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))]
            : [];

    /// <summary>The seconds a Retry-After header asks to wait.</summary>
    public TimeSpan? RetryAfter => Headers.RetryAfter?.Delta;

    /// <summary>The URL of the next page, from the Link header's <c>rel="next"</c> (RFC 8288), as GitHub and GitLab page lists.</summary>
    public string? NextPage =>
        Headers.TryGetValues("Link", out var links)
            ? links.SelectMany(l => l.Split(',')).Select(l => l.Split(';', StringSplitOptions.TrimEntries))
                .FirstOrDefault(p => p.Length > 1 && p[0].StartsWith('<') && p[0].EndsWith('>') && p.Skip(1).Any(a => a is "rel=\"next\"" or "rel=next"))?[0][1..^1]
            : null;
}

/// <summary>
/// A host's answer that was not a success, as a message naming the host, the call and the host's words. Callers
/// catch it by <see cref="Status"/> to act on answers they expect (a name taken, a variable that exists); any other is
/// a <see cref="PublishException"/> the step reports as it is.
/// </summary>
internal abstract class HostAnswer(string host, string what, HostReply reply, string text)
    : PublishException($"{host} refused to {what}: {reply.Status} {text}")
{
    public int Status => Reply.Status;

    public HostReply Reply { get; } = reply;

    public JsonNode? Body => Reply.Body;

    /// <summary>The host's own words for the failure.</summary>
    public string Text { get; } = text;
}
