using System.Text.Json.Nodes;
using KafkaTemplates.Engine.Templates;
using KafkaTemplates.UseCases.Upgrade.PullRequests;

namespace KafkaTemplates.Portal.Tasks;

/// <summary>A fleet of upgrade requests waiting for a run slot, with what the request asked for.</summary>
internal sealed record PendingUpgradeTask(Guid Id, UpgradePullRequestsRequest Request) : QueuedTask(Id);

/// <summary>
/// How a fleet of upgrade requests is a task like any other: a Backstage TaskSpec with one step per repository (so the
/// task page shows each repository's progress), the request as its parameters, and a mark that tells it from a
/// template's task. Nothing secret is in it: tokens stay in the portal's configuration.
/// </summary>
internal static class UpgradeTasks
{
    /// <summary>What the store records as the task's template, and the mark in its spec.</summary>
    public const string Kind = "kafka-templates:upgrade-pull-requests";

    private const string Mark = "kafkaTemplatesTask";

    public static string StepId(int index) => $"repo-{index + 1}";

    public static JsonObject Spec(UpgradePullRequestsRequest request, IReadOnlyList<string> repos, string? createdBy) => new()
    {
        ["apiVersion"] = TemplateDefinition.ApiVersion,
        [Mark] = Kind,
        ["steps"] = new JsonArray([.. repos.Select((repo, i) => (JsonNode)new JsonObject
        {
            ["id"] = StepId(i),
            ["name"] = repo,
            ["action"] = Kind,
            ["input"] = new JsonObject { ["repo"] = repo },
        })]),
        ["output"] = new JsonObject(),
        ["parameters"] = new JsonObject
        {
            ["repos"] = new JsonArray([.. request.Repos.Select(r => (JsonNode?)r)]),
            ["to"] = request.To,
            ["set"] = new JsonObject(request.Set.Select(s => KeyValuePair.Create(s.Key, (JsonNode?)s.Value))),
            ["parallel"] = request.Parallel,
        },
        ["user"] = createdBy is null ? new JsonObject() : new JsonObject { ["ref"] = createdBy },
        ["templateInfo"] = new JsonObject
        {
            ["entity"] = new JsonObject { ["metadata"] = new JsonObject { ["name"] = "upgrade-pull-requests", ["title"] = "Upgrade pull requests" } },
        },
    };

    public static bool Is(TaskRecord task) => task.Spec[Mark]?.GetValue<string>() == Kind;

    public static string NotRetried(TaskRecord task) =>
        $"task {task.Id:D} opened upgrade requests and is not retried; send the same request again: requests already open are refreshed, not doubled";
}
