using System.Text.Json.Nodes;

namespace KafkaTemplates.Portal.Tasks;

/// <summary>One stored task: Backstage's SerializedTask fields. The spec never holds a secret answer.</summary>
internal sealed record TaskRecord(Guid Id, JsonObject Spec, string Status, string CreatedAt, string? LastHeartbeatAt, string? CreatedBy)
{
    /// <summary>Backstage's SerializedTask; <c>secrets</c> is never part of it, as the portal never keeps any.</summary>
    public JsonObject ToJson()
    {
        var json = new JsonObject
        {
            ["id"] = Id.ToString("D"),
            ["spec"] = Spec.DeepClone(),
            ["status"] = Status,
            ["createdAt"] = CreatedAt,
        };
        if (LastHeartbeatAt is not null) json["lastHeartbeatAt"] = LastHeartbeatAt;
        if (CreatedBy is not null) json["createdBy"] = CreatedBy;
        return json;
    }
}
