using System.Text.Json;
using System.Text.Json.Nodes;
using KafkaTemplates.Installation.Connection;
using KafkaTemplates.Installation.Rendering;

namespace KafkaTemplates.Installation.Apply;

/// <summary>
/// What a release owns, kept in the ConfigMap &lt;release&gt;-kafka-templates-inventory in the release namespace: one
/// entry (apiVersion, kind, namespace, name) per applied object. The next install prunes entries the chart no longer
/// renders. It is written as the union of old and new before applying, so an interrupted install still knows every
/// object it may have created, and narrowed to the new set after pruning.
/// </summary>
internal sealed class ReleaseInventory(IReadOnlyList<ObjectRef> objects)
{
    public const string ObjectsKey = "objects";

    public static readonly ApiResource Resource = new("", "v1", "ConfigMap", "configmaps", true);

    public IReadOnlyList<ObjectRef> Objects { get; } = objects;

    public static ObjectRef RefFor(string release, string ns) => new("v1", "ConfigMap", ns, ReleaseMarks.InventoryName(release));

    public static async Task<ReleaseInventory?> ReadAsync(KubeApi api, string release, string ns, CancellationToken cancellationToken)
    {
        var cm = await api.GetAsync(Resource.ObjectPath(ns, ReleaseMarks.InventoryName(release)), cancellationToken);
        return cm is null ? null : Parse(cm);
    }

    public static ReleaseInventory Parse(JsonObject configMap)
    {
        var text = configMap["data"]?[ObjectsKey]?.GetValue<string>() ?? "[]";
        try
        {
            var entries = JsonNode.Parse(text) as JsonArray ?? [];
            return new ReleaseInventory(entries.OfType<JsonObject>().Select(e => new ObjectRef(
                e["apiVersion"]?.GetValue<string>() ?? "", e["kind"]?.GetValue<string>() ?? "",
                e["namespace"]?.GetValue<string>(), e["name"]?.GetValue<string>() ?? "")).Where(r => r.Name.Length > 0).ToList());
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"the inventory ConfigMap {configMap["metadata"]?["name"]} is damaged ({e.Message}); delete it to start a fresh inventory (nothing will be pruned then)", e);
        }
    }

    public static JsonObject Build(string release, string ns, string chart, IEnumerable<ObjectRef> objects)
    {
        var sorted = objects.DistinctBy(o => o.Key).OrderBy(o => ApplyOrder.Rank(o.Kind)).ThenBy(o => o.Kind, StringComparer.Ordinal)
            .ThenBy(o => o.Namespace, StringComparer.Ordinal).ThenBy(o => o.Name, StringComparer.Ordinal);
        // One entry per line keeps `kubectl get cm -o yaml` readable.
        var lines = string.Join(",\n", sorted.Select(o => "  " + o.ToJson().ToJsonString()));
        return new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "ConfigMap",
            ["metadata"] = new JsonObject
            {
                ["name"] = ReleaseMarks.InventoryName(release),
                ["namespace"] = ns,
                ["labels"] = new JsonObject { [ReleaseMarks.ManagedByLabel] = ReleaseMarks.FieldManager, [ReleaseMarks.InstanceLabel] = release },
                ["annotations"] = new JsonObject { [ReleaseMarks.ReleaseAnnotation] = release },
            },
            ["data"] = new JsonObject { ["release"] = release, ["chart"] = chart, [ObjectsKey] = lines.Length == 0 ? "[]" : $"[\n{lines}\n]\n" },
        };
    }
}
