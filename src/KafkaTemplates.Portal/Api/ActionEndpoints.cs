using System.Text.Json.Nodes;
using KafkaTemplates.Engine;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace KafkaTemplates.Portal.Api;

/// <summary><c>GET /api/scaffolder/v2/actions</c>: the engine's actions as Backstage lists them, <c>[{ id, description, examples, schema: { input, output } }]</c>.</summary>
internal static class ActionEndpoints
{
    public static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/v2/actions", (EngineServices engine) => JsonResponses.Json(new JsonArray([.. engine.Actions.All.Select(action => (JsonNode)new JsonObject
        {
            ["id"] = action.Id,
            ["description"] = action.Description,
            ["examples"] = new JsonArray(),
            ["schema"] = new JsonObject
            {
                ["input"] = action.InputSchema.DeepClone(),
                ["output"] = action.OutputSchema.DeepClone(),
            },
        })])));
}
