using System.Text.Json.Nodes;

namespace KafkaTemplates.Installation.DryRun;

/// <summary>
/// A client-side comparison of what the chart renders with what the cluster has: a rendered field that the live
/// object lacks or holds differently is a change, and so is a field this tool's field manager owns that the chart
/// no longer renders (server-side apply would remove it). Fields the server added (defaults, status) are ignored.
/// Without the server it is an estimate; --dry-run=server asks the server itself.
/// </summary>
internal static class FieldSubset
{
    public static IReadOnlyList<string> Differences(JsonObject desired, JsonObject live, string fieldManager, int limit = 5)
    {
        var found = new List<string>();
        Walk(desired, live, "", found, limit);
        var owned = (live["metadata"]?["managedFields"] as JsonArray ?? []).OfType<JsonObject>()
            .FirstOrDefault(f => f["manager"]?.GetValue<string>() == fieldManager && f["operation"]?.GetValue<string>() == "Apply")?["fieldsV1"] as JsonObject;
        if (owned is not null) Removed(owned, desired, "", found, limit);
        return found;
    }

    private static void Walk(JsonNode? desired, JsonNode? live, string path, List<string> found, int limit)
    {
        if (found.Count >= limit) return;
        switch (desired)
        {
            case JsonObject d when live is JsonObject l:
                foreach (var (key, value) in d) Walk(value, l[key], Join(path, key), found, limit);
                return;
            case JsonArray d when live is JsonArray l && d.Count == l.Count:
                for (var i = 0; i < d.Count; i++) Walk(d[i], l[i], $"{path}[{i}]", found, limit);
                return;
            case JsonValue d when live is JsonValue l && SameValue(d, l):
                return;
            case null when live is null:
                return;
            default:
                found.Add(path);
                return;
        }
    }

    private static bool SameValue(JsonValue a, JsonValue b)
    {
        if (JsonNode.DeepEquals(a, b)) return true;
        // 1 and 1.0 are the same number after a round trip through the server.
        return a.TryGetValue<double>(out var x) && b.TryGetValue<double>(out var y) && x.Equals(y);
    }

    /// <summary>Map fields ("f:name") this manager owns that the rendered object no longer has.</summary>
    private static void Removed(JsonObject owned, JsonNode? desired, string path, List<string> found, int limit)
    {
        foreach (var (key, child) in owned)
        {
            if (found.Count >= limit || !key.StartsWith("f:", StringComparison.Ordinal)) continue;
            var name = key[2..];
            var next = Join(path, name);
            if (desired is not JsonObject d || !d.ContainsKey(name))
            {
                if (next != "status" && !next.StartsWith("metadata.managedFields", StringComparison.Ordinal)) found.Add(next + " (removed)");
                continue;
            }
            if (child is JsonObject grandChildren && grandChildren.Count > 0 && d[name] is JsonObject) Removed(grandChildren, d[name], next, found, limit);
        }
    }

    private static string Join(string path, string key) => path.Length == 0 ? key : $"{path}.{key}";
}
