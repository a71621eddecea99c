using System.Text.Json.Nodes;
using KafkaTemplates.Engine.Yaml;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace KafkaTemplates.Portal.Api;

/// <summary>
/// Reads a request's JSON object with the tool's one reader of untrusted JSON: UTF-8 only, no duplicate keys, and
/// the input limits on depth and size. Only <c>application/json</c> is accepted: a cross-site form or a "simple"
/// fetch cannot send it without a CORS preflight, which the portal never grants. The size limit is Kestrel's.
/// </summary>
internal static class JsonBody
{
    public static async Task<JsonObject> ReadObjectAsync(HttpRequest request)
    {
        if (!IsJson(request.ContentType))
            throw new ApiException(StatusCodes.Status415UnsupportedMediaType, "InputError", "send the request body as JSON with Content-Type: application/json");
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, request.HttpContext.RequestAborted);
        var limit = request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize ?? InputLimits.Default.MaxBytes;
        JsonNode? node;
        try
        {
            node = JsonInput.Parse(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), "the request body", InputLimits.Default with { MaxBytes = limit });
        }
        catch (YamlFormatException e)
        {
            var at = e.Mark.Line > 0 ? $" (line {e.Mark.Line}, column {e.Mark.Column})" : "";
            throw ApiException.BadRequest($"the request body is not valid JSON{at}: {e.Problem}");
        }
        return node as JsonObject ?? throw ApiException.BadRequest("the request body must be a JSON object");
    }

    private static bool IsJson(string? contentType) =>
        contentType is not null &&
        (contentType.Equals("application/json", StringComparison.OrdinalIgnoreCase) ||
         contentType.StartsWith("application/json;", StringComparison.OrdinalIgnoreCase));

    /// <summary>An optional member that must be a JSON object when present.</summary>
    public static JsonObject OptionalObject(JsonObject body, string name) => body[name] switch
    {
        null => [],
        JsonObject o => o,
        _ => throw ApiException.BadRequest($"'{name}' must be a JSON object"),
    };

    public static string? OptionalString(JsonObject body, string name) => body[name] switch
    {
        null => null,
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        _ => throw ApiException.BadRequest($"'{name}' must be a string"),
    };
}
