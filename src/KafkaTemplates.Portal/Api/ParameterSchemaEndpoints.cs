using System.Text.Json.Nodes;
using KafkaTemplates.Portal.Catalog;
using KafkaTemplates.Portal.Scaffolding;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace KafkaTemplates.Portal.Api;

/// <summary>
/// <c>GET /api/scaffolder/v2/templates/{namespace}/{kind}/{name}/parameter-schema</c>: Backstage's
/// TemplateParameterSchema, <c>{ title, description, steps: [{ title, description, schema }] }</c>, one step per form page.
/// </summary>
internal static class ParameterSchemaEndpoints
{
    public static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/v2/templates/{namespace}/{kind}/{name}/parameter-schema", (string @namespace, string kind, string name, PortalCatalog catalog) =>
        {
            var template = catalog.Find(new EntityRef(kind, @namespace, name));
            var metadata = TemplateJson.Metadata(template);
            var body = new JsonObject { ["title"] = template.Title };
            if (template.Description.Length > 0) body["description"] = template.Description;
            if (metadata["ui:options"] is { } uiOptions) body["ui:options"] = uiOptions.DeepClone();
            body["steps"] = new JsonArray([.. TemplateJson.ParameterPages(template).Select(Step)]);
            return JsonResponses.Json(body);
        });

    /// <summary>One page; like Backstage, a missing description is left out rather than sent as null.</summary>
    private static JsonNode Step(JsonObject page)
    {
        var step = new JsonObject { ["title"] = page["title"]?.DeepClone() ?? "Please enter the following information" };
        if (page["description"] is { } description) step["description"] = description.DeepClone();
        step["schema"] = page;
        return step;
    }
}
