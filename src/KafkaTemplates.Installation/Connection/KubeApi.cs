using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using KafkaTemplates.Installation.Faults;

namespace KafkaTemplates.Installation.Connection;

/// <summary>
/// Untyped requests through KubernetesClient's own HTTP pipeline (its TLS, credentials and our retry handler), for
/// the calls its typed surface cannot make generically: server-side apply of any kind the chart renders, GET and
/// DELETE by discovered path, and watches that this tool resumes itself.
/// </summary>
internal sealed class KubeApi(Kubernetes client)
{
    public const string ApplyPatchContentType = "application/apply-patch+yaml";

    public async Task<JsonObject?> GetAsync(string path, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Get, path, null, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound) return null;
        return await ReadObjectAsync(response, $"GET {path}", cancellationToken);
    }

    public async Task<JsonObject> ListAsync(string path, string? query, CancellationToken cancellationToken)
    {
        var target = query is null ? path : $"{path}?{query}";
        using var response = await SendAsync(HttpMethod.Get, target, null, cancellationToken);
        return await ReadObjectAsync(response, $"LIST {path}", cancellationToken);
    }

    /// <summary>Server-side apply. A 409 carries the conflicting fields and managers in its Status; it is never forced.</summary>
    public async Task<JsonObject> ApplyAsync(string path, JsonObject body, string fieldManager, bool dryRun, CancellationToken cancellationToken)
    {
        var query = $"fieldManager={Uri.EscapeDataString(fieldManager)}&force=false{(dryRun ? "&dryRun=All" : "")}";
        // JSON is YAML, so the apply body can be the object as JSON.
        var content = new StringContent(body.ToJsonString(), Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue(ApplyPatchContentType);
        using var response = await SendAsync(HttpMethod.Patch, $"{path}?{query}", content, cancellationToken);
        return await ReadObjectAsync(response, $"apply {path}", cancellationToken);
    }

    /// <summary>Deletes in the background (dependents follow). False when the object was already gone.</summary>
    public async Task<bool> DeleteAsync(string path, bool dryRun, CancellationToken cancellationToken)
    {
        var query = $"propagationPolicy=Background{(dryRun ? "&dryRun=All" : "")}";
        using var response = await SendAsync(HttpMethod.Delete, $"{path}?{query}", null, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound) return false;
        await ReadObjectAsync(response, $"DELETE {path}", cancellationToken);
        return true;
    }

    /// <summary>Opens a watch and yields its events until the server ends the stream. A dropped connection throws.</summary>
    public async IAsyncEnumerable<WatchEvent> WatchAsync(string path, string query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Get, $"{path}?watch=true&{query}", null, cancellationToken);
        if (!response.IsSuccessStatusCode) await ReadObjectAsync(response, $"WATCH {path}", cancellationToken);
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.Length == 0) continue;
            var node = JsonNode.Parse(line) as JsonObject ?? throw new JsonException($"WATCH {path}: an event is not an object");
            yield return new WatchEvent(node["type"]?.GetValue<string>() ?? "", node["object"] as JsonObject ?? []);
        }
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string relative, HttpContent? content, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(client.BaseUri, relative)) { Content = content };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (client.Credentials is { } credentials) await credentials.ProcessHttpRequestAsync(request, cancellationToken);
        try
        {
            return await client.HttpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw new ClusterUnreachableException($"{method} {relative}: {RetryHandler.Describe(e)}", e);
        }
    }

    private static async Task<JsonObject> ReadObjectAsync(HttpResponseMessage response, string operation, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode) throw new KubeApiException(operation, response.StatusCode, ParseStatus(text));
        return JsonNode.Parse(text) as JsonObject ?? throw new JsonException($"{operation}: the answer is not a JSON object");
    }

    internal static V1Status? ParseStatus(string text)
    {
        try
        {
            return text.Length == 0 ? null : KubernetesJson.Deserialize<V1Status>(text);
        }
        catch (JsonException)
        {
            return new V1Status { Message = text.Length > 300 ? text[..300] : text };
        }
    }
}
