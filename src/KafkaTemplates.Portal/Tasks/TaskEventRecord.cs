using System.Text.Json.Nodes;

namespace KafkaTemplates.Portal.Tasks;

/// <summary>One stored task event, as Backstage's SerializedTaskEvent: <c>{ id, taskId, body, type, createdAt }</c>.</summary>
internal sealed record TaskEventRecord(long Id, Guid TaskId, JsonObject Body, string Type, string CreatedAt)
{
    public bool IsCompletion => Type == TaskEventType.Completion;

    public JsonObject ToJson() => new()
    {
        ["id"] = Id,
        ["taskId"] = TaskId.ToString("D"),
        ["body"] = Body.DeepClone(),
        ["type"] = Type,
        ["createdAt"] = CreatedAt,
    };
}
