using System.Text.Json.Nodes;

namespace KafkaTemplates.Installation.Tests.ApiServer;

/// <summary>One managedFields entry: a manager, its operation (Apply or Update) and the field paths it owns.</summary>
public sealed record ManagedFieldsEntry(string Manager, string Operation, string ApiVersion, string Time, HashSet<string> Paths)
{
    public static List<ManagedFieldsEntry> Read(JsonObject obj) =>
        (obj["metadata"]?["managedFields"] as JsonArray ?? []).OfType<JsonObject>().Select(e => new ManagedFieldsEntry(
            e["manager"]?.GetValue<string>() ?? "", e["operation"]?.GetValue<string>() ?? "", e["apiVersion"]?.GetValue<string>() ?? "",
            e["time"]?.GetValue<string>() ?? "", FieldPath.FromFieldsV1(e["fieldsV1"] as JsonObject))).ToList();

    public static void Write(JsonObject obj, IEnumerable<ManagedFieldsEntry> entries)
    {
        var metadata = (JsonObject)obj["metadata"]!;
        metadata["managedFields"] = new JsonArray(entries.Where(e => e.Paths.Count > 0).Select(e => (JsonNode)new JsonObject
        {
            ["manager"] = e.Manager,
            ["operation"] = e.Operation,
            ["apiVersion"] = e.ApiVersion,
            ["time"] = e.Time,
            ["fieldsType"] = "FieldsV1",
            ["fieldsV1"] = FieldPath.ToFieldsV1(e.Paths),
        }).ToArray());
    }
}
