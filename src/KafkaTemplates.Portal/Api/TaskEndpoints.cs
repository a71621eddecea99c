using System.Text.Json.Nodes;
using KafkaTemplates.Portal.Access;
using KafkaTemplates.Portal.Catalog;
using KafkaTemplates.Portal.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace KafkaTemplates.Portal.Api;

/// <summary>
/// Backstage's task endpoints: <c>POST /v2/tasks</c> (<c>{ templateRef, values, secrets? }</c> → 201 <c>{ id }</c>),
/// <c>GET /v2/tasks</c> (→ <c>{ tasks, totalTasks }</c>, filtered by <c>createdBy</c> and <c>status</c>, paged by
/// <c>limit</c> and <c>offset</c>, ordered by <c>order=asc:created_at|desc:created_at</c>), <c>GET /v2/tasks/{id}</c>
/// (SerializedTask, never with secrets) and <c>POST /v2/tasks/{id}/cancel</c> (→ <c>{ status }</c>).
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
            var user = AccessGate.UserOf(context);
            if (!user.MayRun(template.Id)) throw AccessGate.Forbidden();
            var answers = AnswerRequest.Bind(template, body);
            // The creator is who signed in; a createdBy in the body is not the caller's to choose.
            var id = tasks.Create(template, answers, user.Owner);
            context.Response.Headers.Location = $"/api/scaffolder/v2/tasks/{id:D}";
            return JsonResponses.Json(new JsonObject { ["id"] = id.ToString("D") }, StatusCodes.Status201Created);
        });

        api.MapGet("/v2/tasks", (HttpContext context, TaskService tasks) =>
        {
            var (page, total) = tasks.Store.List(TaskScope.For(AccessGate.UserOf(context), ReadQuery(context.Request.Query)));
            return JsonResponses.Json(new JsonObject
            {
                ["tasks"] = new JsonArray([.. page.Select(task => (JsonNode)task.ToJson())]),
                ["totalTasks"] = total,
            });
        });

        api.MapGet("/v2/tasks/{id}", (string id, TaskService tasks) => JsonResponses.Json(tasks.Get(id).ToJson()));

        api.MapPost("/v2/tasks/{id}/cancel", (string id, TaskService tasks) =>
            JsonResponses.Json(new JsonObject { ["status"] = tasks.Cancel(tasks.Get(id)) }));
    }

    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;

    private static readonly string[] Statuses = [TaskStates.Open, TaskStates.Processing, TaskStates.Completed, TaskStates.Failed, TaskStates.Cancelled];

    private static TaskQuery ReadQuery(IQueryCollection query)
    {
        var createdBy = query["createdBy"] is { Count: > 0 } by ? by.ToString() : null;
        var statuses = query["status"].SelectMany(s => (s ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).Distinct().ToList();
        foreach (var status in statuses.Where(s => !Statuses.Contains(s)))
            throw ApiException.BadRequest($"'status' must be one of {string.Join(", ", Statuses)}, not '{status}'");
        var order = query["order"].ToString();
        if (order.Length > 0 && order is not ("asc:created_at" or "desc:created_at"))
            throw ApiException.BadRequest($"'order' must be asc:created_at or desc:created_at, not '{order}'");
        return new TaskQuery(createdBy, statuses,
            Whole(query, "limit", DefaultLimit, 1, MaxLimit), Whole(query, "offset", 0, 0, int.MaxValue), order != "asc:created_at");
    }

    private static int Whole(IQueryCollection query, string name, int fallback, int min, int max)
    {
        var text = query[name].ToString();
        if (text.Length == 0) return fallback;
        return int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw ApiException.BadRequest($"'{name}' must be a whole number from {min} to {max}, not '{text}'");
    }
}
