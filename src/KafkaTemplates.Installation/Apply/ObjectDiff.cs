using System.Text.Json.Nodes;

namespace KafkaTemplates.Installation.Apply;

/// <summary>
/// Compares an object before and after an apply, leaving out what changes on every write without meaning anything
/// (status, resourceVersion, managedFields timestamps), and names the fields that differ.
/// </summary>
internal static class ObjectDiff
{
    /// <summary>Differing leaf paths such as spec.replicas, at most <paramref name="limit"/>; empty when equal.</summary>
    public static IReadOnlyList<string> Changes(JsonObject? before, JsonObject after, int limit = 5)
    {
        var paths = new List<string>();
        Walk(Normalize(before), Normalize(after), "", paths, limit);
        return paths;
    }

    public static JsonObject? Normalize(JsonObject? obj)
    {
        if (obj is null) return null;
        var copy = (JsonObject)obj.DeepClone();
        // Controllers write status all the time; an apply never does, so it is no part of what the install changes.
        copy.Remove("status");
        if (copy["metadata"] is JsonObject metadata)
        {
            metadata.Remove("resourceVersion");
            if (metadata["managedFields"] is JsonArray fields)
                foreach (var entry in fields.OfType<JsonObject>()) entry.Remove("time");
        }
        return copy;
    }

    private static void Walk(JsonNode? a, JsonNode? b, string path, List<string> found, int limit)
    {
        if (found.Count >= limit) return;
        if (a is JsonObject oa && b is JsonObject ob)
        {
            foreach (var key in oa.Select(p => p.Key).Union(ob.Select(p => p.Key)).Order(StringComparer.Ordinal))
            {
                // Ownership bookkeeping is reported as one path, not field by field.
                if (path == "metadata" && key == "managedFields")
                {
                    if (!JsonNode.DeepEquals(oa[key], ob[key])) found.Add("metadata.managedFields");
                    continue;
                }
                Walk(oa[key], ob[key], path.Length == 0 ? key : $"{path}.{key}", found, limit);
            }
            return;
        }
        if (!JsonNode.DeepEquals(a, b)) found.Add(path.Length == 0 ? "(object)" : path);
    }
}
