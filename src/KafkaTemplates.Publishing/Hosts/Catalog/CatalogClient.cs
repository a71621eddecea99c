using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using KafkaTemplates.Publishing.Settings;

namespace KafkaTemplates.Publishing.Hosts.Catalog;

/// <summary>
/// Backstage's catalog REST API, the calls catalog:register makes: <c>POST /api/catalog/locations</c> to add a url
/// location, then the same with <c>?dryRun=true</c> to read the entities it holds. A location that is already
/// registered (409) counts as registered, so a rerun goes through.
/// </summary>
internal sealed class CatalogClient(CatalogIntegration catalog, RetryPolicy retry)
{
    private readonly HostApi _api = new($"the catalog at {catalog.BaseUrl.GetLeftPart(UriPartial.Authority)}", catalog.BaseUrl, retry, null, headers =>
        {
            if (catalog.Token is { } token) headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Reveal());
        },
        (reply, what) => new CatalogAnswer($"the catalog at {catalog.BaseUrl.GetLeftPart(UriPartial.Authority)}", what, reply),
        a => a.Status >= 500 || a.Status == 429 ? new TransientFailure($"answered {a.Status} ({a.Text})", a.Reply.RetryAfter) : null);

    private string Name => _api.Name;

    /// <summary>Adds the location; false when it was registered already.</summary>
    public async Task<bool> AddLocationAsync(string target, Action<string> log, CancellationToken cancellationToken)
    {
        try
        {
            await PostAsync(target, dryRun: false, log, cancellationToken);
            return true;
        }
        catch (CatalogAnswer a) when (a.Status == (int)HttpStatusCode.Conflict)
        {
            return false;
        }
        catch (CatalogAnswer a)
        {
            throw Refused(target, a);
        }
    }

    /// <summary>The entities the location holds, as the catalog reads them (a dry run changes nothing).</summary>
    public async Task<IReadOnlyList<JsonObject>> EntitiesAsync(string target, Action<string> log, CancellationToken cancellationToken)
    {
        try
        {
            var body = await PostAsync(target, dryRun: true, log, cancellationToken);
            return body?["entities"] is JsonArray entities ? [.. entities.OfType<JsonObject>()] : [];
        }
        catch (CatalogAnswer a)
        {
            throw Refused(target, a);
        }
    }

    private async Task<JsonNode?> PostAsync(string target, bool dryRun, Action<string> log, CancellationToken cancellationToken) =>
        (await _api.SendAsync(HttpMethod.Post, "api/catalog/locations" + (dryRun ? "?dryRun=true" : ""), new JsonObject { ["type"] = "url", ["target"] = target },
            dryRun ? $"read the entities of {target}" : $"register {target}", log, cancellationToken)).Body;

    private PublishException Refused(string target, CatalogAnswer a) => a.Status is 401 or 403
        ? new PublishException($"{Name} refused the request ({a.Status}: {a.Text}); set {PublishSettings.CatalogTokenVariable} to a token it accepts", a)
        : new PublishException($"{Name} did not register {target} ({a.Status}: {a.Text})", a);

    /// <summary>A catalog answer that was not a success, with Backstage's <c>error.message</c>.</summary>
    private sealed class CatalogAnswer(string host, string what, HostReply reply)
        : HostAnswer(host, what, reply, reply.Body?["error"]?["message"] is JsonValue message ? message.ToString() : "no message");
}
