using System.Text.Json.Nodes;
using KafkaTemplates.Portal.Catalog;
using KafkaTemplates.Portal.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace KafkaTemplates.Portal.Api;

/// <summary>
/// Backstage's task endpoints: <c>POST /v2/tasks</c> (<c>{ templateRef, values, secrets? }</c> → 201 <c>{ id }</c>),
/// <c>GET /v2/tasks/{id}</c> (SerializedTask, never with secrets) and <c>POST /v2/tasks/{id}/cancel</c> (→ <c>{ status }</c>).
/// Invalid values are refused before a task exists, with every violation.
/// </summary>
internal static class TaskEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapPost("/v2/tasks", async (HttpContext context, PortalCatalog catalog, TaskService tasks) =>
        {
            var body = await JsonBody.ReadObjectAsync(context.Request);
            var templateRef = JsonBody.OptionalString(body, "templateRef")
                ?? throw ApiException.BadRequest("'templateRef' is required, such as template:default/hypertrace-kafka");
            var template = catalog.Find(templateRef);
            var answers = AnswerRequest.Bind(template, body);
            var id = tasks.Create(template, answers);
            context.Response.Headers.Location = $"/api/scaffolder/v2/tasks/{id:D}";
            return JsonResponses.Json(new JsonObject { ["id"] = id.ToString("D") }, StatusCodes.Status201Created);
        });

        api.MapGet("/v2/tasks/{id}", (string id, TaskService tasks) => JsonResponses.Json(tasks.Get(id).ToJson()));

        api.MapPost("/v2/tasks/{id}/cancel", (string id, TaskService tasks) =>
            JsonResponses.Json(new JsonObject { ["status"] = tasks.Cancel(tasks.Get(id)) }));
    }
}
