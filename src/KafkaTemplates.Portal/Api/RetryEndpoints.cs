using System.Text.Json.Nodes;
using KafkaTemplates.Portal.Catalog;
using KafkaTemplates.Portal.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace KafkaTemplates.Portal.Api;

/// <summary>
/// <c>POST /api/scaffolder/v2/tasks/{id}/retry</c> (<c>{ secrets? }</c> → 201 <c>{ id }</c>), as Backstage answers it;
/// 409 with the reason when the task is not recoverable (<see cref="TaskRetry"/>).
/// </summary>
internal static class RetryEndpoints
{
    public static void Map(IEndpointRouteBuilder api) =>
        api.MapPost("/v2/tasks/{id}/retry", async (HttpContext context, string id, PortalCatalog catalog, TaskService tasks, Engine.EngineServices engine) =>
        {
            var task = tasks.Get(id);
            var body = context.Request.ContentLength is 0 || context.Request.ContentType is null ? [] : await JsonBody.ReadObjectAsync(context.Request);
            TaskRetry.Start(task, body, catalog, tasks, engine.Actions);
            return JsonResponses.Json(new JsonObject { ["id"] = task.Id.ToString("D") }, StatusCodes.Status201Created);
        });
}
