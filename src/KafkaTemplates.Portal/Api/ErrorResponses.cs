using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace KafkaTemplates.Portal.Api;

/// <summary>
/// Backstage's error body, <c>{ error: { name, message }, request: { method, url }, response: { statusCode } }</c>,
/// plus <c>errors</c> for invalid parameters. Every refusal of the portal, from 400 to 503, has this shape.
/// </summary>
internal static class ErrorResponses
{
    public static async Task WriteAsync(HttpContext context, int status, string name, string message, JsonArray? errors = null)
    {
        var body = new JsonObject
        {
            ["error"] = new JsonObject { ["name"] = name, ["message"] = message },
            ["request"] = new JsonObject { ["method"] = context.Request.Method, ["url"] = context.Request.Path.Value + context.Request.QueryString.Value },
            ["response"] = new JsonObject { ["statusCode"] = status },
        };
        if (errors is not null) body["errors"] = errors;
        context.Response.Clear();
        context.Response.StatusCode = status;
        await JsonResponses.WriteAsync(context, body);
    }
}
