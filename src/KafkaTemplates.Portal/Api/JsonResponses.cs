using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace KafkaTemplates.Portal.Api;

/// <summary>Writes JSON bodies built as <see cref="JsonNode"/>s: the shapes are Backstage's, spelled out field by field.</summary>
internal static class JsonResponses
{
    private static readonly JsonSerializerOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Serialize(JsonNode? node) => node?.ToJsonString(Options) ?? "null";

    public static IResult Json(JsonNode? node, int status = StatusCodes.Status200OK) =>
        Results.Text(Serialize(node), "application/json; charset=utf-8", Encoding.UTF8, status);

    public static Task WriteAsync(HttpContext context, JsonNode? node)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        return context.Response.WriteAsync(Serialize(node), Encoding.UTF8, context.RequestAborted);
    }
}
