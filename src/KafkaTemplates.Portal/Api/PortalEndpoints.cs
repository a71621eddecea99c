using System.Text.Json.Nodes;
using KafkaTemplates.Portal.Catalog;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace KafkaTemplates.Portal.Api;

/// <summary>
/// The portal's own endpoints, under <c>/api/kafka-templates</c>: the template list for the page, and validation of
/// form values with the engine's rules, so the form says exactly what <c>new</c> and the task would say.
/// </summary>
internal static class PortalEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        // { items: [{ ref, name, title, description, tags, version, owner, type }], unavailable: [{ folder, problems }] }
        api.MapGet("/templates", (PortalCatalog catalog) => JsonResponses.Json(new JsonObject
        {
            ["items"] = new JsonArray([.. catalog.Templates.Select(t => (JsonNode)new JsonObject
            {
                ["ref"] = EntityRef.ForTemplate(t.Id).ToString(),
                ["name"] = t.Id,
                ["title"] = t.Title,
                ["description"] = t.Description,
                ["tags"] = new JsonArray([.. t.Tags.Select(tag => (JsonNode?)tag)]),
                ["version"] = t.Version.ToString(),
                ["owner"] = t.Owner,
                ["type"] = t.Type,
            })]),
            ["unavailable"] = new JsonArray([.. catalog.Broken.Select(b => (JsonNode)new JsonObject
            {
                ["folder"] = b.Folder,
                ["problems"] = new JsonArray([.. b.Error!.Problems.Select(p => (JsonNode?)$"{p.Mark}: {p.Message}")]),
            })]),
        }));

        // { templateRef, values, secrets? } -> { valid, violations: [{ parameter, rule, value, message }] }
        api.MapPost("/validate-parameters", async (HttpContext context, PortalCatalog catalog) =>
        {
            var body = await JsonBody.ReadObjectAsync(context.Request);
            var template = catalog.Find(JsonBody.OptionalString(body, "templateRef")
                ?? throw ApiException.BadRequest("'templateRef' is required, such as template:default/hypertrace-kafka"));
            var violations = AnswerRequest.Violations(template, body);
            return JsonResponses.Json(new JsonObject
            {
                ["valid"] = violations.Count == 0,
                ["violations"] = ViolationJson.ToPortal(violations),
            });
        });
    }
}
