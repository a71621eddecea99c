using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using KafkaTemplates.Publishing.Settings;

namespace KafkaTemplates.Publishing.Hosts.Catalog;

/// <summary>
/// Backstage's catalog REST API, the calls catalog:register makes: <c>POST /api/catalog/locations</c> to add a url
/// location, then the same with <c>?dryRun=true</c> to read the entities it holds. A location that is already
/// registered (409) counts as registered, so a rerun goes through.
/// </summary>
internal sealed class CatalogClient(CatalogIntegration catalog, RetryPolicy retry, HttpMessageHandler? handler = null)
{
    private static readonly HttpClient Shared = new() { Timeout = TimeSpan.FromSeconds(100) };

    private HttpClient Http { get; } = handler is null ? Shared : new HttpClient(handler);

    private string Name => $"the catalog at {catalog.BaseUrl.GetLeftPart(UriPartial.Authority)}";

    /// <summary>Adds the location; false when it was registered already.</summary>
    public async Task<bool> AddLocationAsync(string target, Action<string> log, CancellationToken cancellationToken)
    {
        var (status, _) = await PostAsync(target, dryRun: false, log, cancellationToken);
        return status != HttpStatusCode.Conflict;
    }

    /// <summary>The entities the location holds, as the catalog reads them (a dry run changes nothing).</summary>
    public async Task<IReadOnlyList<JsonObject>> EntitiesAsync(string target, Action<string> log, CancellationToken cancellationToken)
    {
        var (_, body) = await PostAsync(target, dryRun: true, log, cancellationToken);
        return body?["entities"] is JsonArray entities ? [.. entities.OfType<JsonObject>()] : [];
    }

    private async Task<(HttpStatusCode Status, JsonObject? Body)> PostAsync(string target, bool dryRun, Action<string> log, CancellationToken cancellationToken) =>
        await HostRetry.RunAsync(Name, retry, async () =>
        {
            var url = new Uri(new Uri(catalog.BaseUrl.AbsoluteUri.TrimEnd('/') + "/"), "api/catalog/locations" + (dryRun ? "?dryRun=true" : ""));
            using var request = new HttpRequestMessage(HttpMethod.Post, url)
            {
                Content = new StringContent(new JsonObject { ["type"] = "url", ["target"] = target }.ToJsonString(), Encoding.UTF8, "application/json"),
            };
            if (catalog.Token is { } token) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Reveal());
            using var response = await Http.SendAsync(request, cancellationToken);
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            JsonObject? body = null;
            try
            {
                body = text.Length > 0 ? JsonNode.Parse(text) as JsonObject : null;
            }
            catch (System.Text.Json.JsonException)
            {
                // An answer that is not JSON (a proxy's error page) is reported by its status below.
            }
            if (response.IsSuccessStatusCode || (response.StatusCode == HttpStatusCode.Conflict && !dryRun)) return (response.StatusCode, body);
            var message = body?["error"]?["message"]?.GetValue<string>() ?? response.ReasonPhrase ?? "";
            throw response.StatusCode switch
            {
                >= HttpStatusCode.InternalServerError or HttpStatusCode.TooManyRequests => new CatalogUnavailable((int)response.StatusCode, message,
                    response.Headers.RetryAfter?.Delta),
                HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => new PublishException(
                    $"{Name} refused the request ({(int)response.StatusCode}: {message}); set {PublishSettings.CatalogTokenVariable} to a token it accepts"),
                _ => new PublishException($"{Name} did not register {target} ({(int)response.StatusCode}: {message})"),
            };
        }, e => e switch
        {
            CatalogUnavailable u => new TransientFailure($"answered {u.Status} ({u.Message})", u.RetryAfter),
            HttpRequestException h => new TransientFailure($"could not be reached ({h.Message})"),
            TaskCanceledException when !cancellationToken.IsCancellationRequested => new TransientFailure("did not answer in time"),
            _ => null,
        }, log, cancellationToken);

    private sealed class CatalogUnavailable(int status, string message, TimeSpan? retryAfter) : Exception(message)
    {
        public int Status { get; } = status;
        public TimeSpan? RetryAfter { get; } = retryAfter;
    }
}
