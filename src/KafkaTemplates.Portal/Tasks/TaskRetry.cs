using System.Text.Json.Nodes;
using KafkaTemplates.Portal.Api;
using KafkaTemplates.Portal.Catalog;

namespace KafkaTemplates.Portal.Tasks;

/// <summary>
/// Backstage's retry (<c>POST /v2/tasks/{id}/retry</c>, body <c>{ secrets? }</c>): a failed task runs again from the
/// step that failed. The steps before it only build the repo's files in memory, so they are replayed to the same
/// files; a task whose run reached a step that acts outside the files (publish:*, catalog:register) is not
/// recoverable, since that step may already have created something a second run would create again, and the answer
/// says so. Neither is a task whose template changed since, or is no longer served. Secrets lived only in the first
/// run's memory: a template that needs them needs them in the retry request again.
/// </summary>
internal static class TaskRetry
{
    public static void Start(TaskRecord task, JsonObject request, PortalCatalog catalog, TaskService tasks, Engine.Actions.ActionRegistry actionRegistry)
    {
        if (task.Status != TaskStates.Failed)
            throw ApiException.Conflict($"task {task.Id:D} is {task.Status}; only a failed task can be retried");
        if (UpgradeTasks.Is(task)) throw ApiException.Conflict(UpgradeTasks.NotRetried(task));
        var templateRef = task.Spec["templateInfo"]?["entityRef"]?.GetValue<string>();
        var template = ServedTemplate(catalog, templateRef, task);

        var given = request["secrets"] as JsonObject;
        var missing = template.Parameters.Secrets.Select(p => p.Name).Where(name => given?.ContainsKey(name) != true).ToList();
        if (missing.Count > 0)
            throw ApiException.BadRequest(
                $"task {task.Id:D} can be retried only with its secret answers, which the portal never keeps: send {string.Join(", ", missing)} " +
                "again in 'secrets' (an empty string for one left empty)");
        var values = task.Spec["parameters"]?.DeepClone() as JsonObject ?? [];
        var body = new JsonObject { ["values"] = values };
        if (request["secrets"] is JsonObject secrets) body["secrets"] = secrets.DeepClone();
        var answers = AnswerRequest.Bind(template, body);

        var rebuilt = TaskSpecs.Build(template, answers, task.CreatedBy);
        foreach (var part in new[] { "apiVersion", "steps", "output", "templateInfo" })
            if (!JsonNode.DeepEquals(rebuilt[part], task.Spec[part]))
                throw ApiException.Conflict($"task {task.Id:D} cannot be retried: its template {templateRef} has changed since the task ran; create a new task");

        var events = tasks.Store.Events(task.Id);
        var actions = StepActions(task.Spec);
        var started = StartedSteps(events);
        // An action the engine no longer knows counts as one that acts outside the files.
        if (started.FirstOrDefault(step => actions.TryGetValue(step, out var action) && (actionRegistry.Find(action)?.ChangesTheWorld ?? true)) is { } outside)
            throw ApiException.Conflict(
                $"task {task.Id:D} cannot be retried: its step '{outside}' ({actions[outside]}) ran before the failure and may already have " +
                "changed something outside the repo's files; running it again could do it twice. Check what it did, then create a new task");
        var failedStep = FailedStep(events);
        tasks.Retry(task.Id, template, answers, new JsonObject
        {
            ["recoverStrategy"] = "startOver",
            ["message"] = failedStep is null
                ? "Retrying the task: its steps change nothing outside the repo's files until it is written, so it runs again from the start"
                : $"Retrying the task from step {failedStep}: the steps before it only build the repo's files, which are built again the same way",
        });
    }

    private static Engine.Templates.TemplateDefinition ServedTemplate(PortalCatalog catalog, string? templateRef, TaskRecord task)
    {
        try
        {
            return catalog.Find(templateRef);
        }
        catch (ApiException e) when (e.Status == 404)
        {
            throw ApiException.Conflict($"task {task.Id:D} cannot be retried: the portal no longer serves its template {templateRef}");
        }
    }

    private static Dictionary<string, string> StepActions(JsonObject spec) =>
        (spec["steps"] as JsonArray ?? []).OfType<JsonObject>()
            .Where(s => s["id"] is JsonValue && s["action"] is JsonValue)
            .ToDictionary(s => s["id"]!.GetValue<string>(), s => s["action"]!.GetValue<string>(), StringComparer.Ordinal);

    /// <summary>Steps that reported processing in any run since the task was created.</summary>
    private static List<string> StartedSteps(IEnumerable<TaskEventRecord> events) =>
        [.. events.Where(e => e.Body["status"]?.GetValue<string>() == TaskStates.Processing && e.Body["stepId"] is JsonValue)
            .Select(e => e.Body["stepId"]!.GetValue<string>()).Distinct()];

    private static string? FailedStep(IEnumerable<TaskEventRecord> events) =>
        events.LastOrDefault(e => e.Body["status"]?.GetValue<string>() == TaskStates.Failed && e.Body["stepId"] is JsonValue)?.Body["stepId"]!.GetValue<string>();
}
