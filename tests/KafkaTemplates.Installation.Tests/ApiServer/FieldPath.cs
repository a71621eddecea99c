using System.Text.Json.Nodes;

namespace KafkaTemplates.Installation.Tests.ApiServer;

/// <summary>
/// Field paths as server-side apply tracks them: map keys down to a leaf, where lists (treated atomically here),
/// scalars and empty maps are leaves. Converted to and from the FieldsV1 form of managedFields ("f:spec": {...}).
/// </summary>
public static class FieldPath
{
    private const char Separator = '\u001f';

    public static string Of(params string[] keys) => string.Join(Separator, keys);

    public static string[] Keys(string path) => path.Split(Separator);

    /// <summary>The path as the API server prints it in conflicts: .spec.replicas.</summary>
    public static string Display(string path) => "." + string.Join('.', Keys(path));

    public static HashSet<string> Leaves(JsonObject obj)
    {
        var leaves = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (key, value) in obj)
        {
            // Identity is not ownership.
            if (key is "apiVersion" or "kind" or "status") continue;
            if (key == "metadata" && value is JsonObject metadata)
            {
                foreach (var (mk, mv) in metadata)
                    if (mk is "labels" or "annotations" && mv is JsonObject) Collect(mv, [mk], leaves, "metadata");
                continue;
            }
            Collect(value, [key], leaves, null);
        }
        return leaves;
    }

    private static void Collect(JsonNode? node, List<string> keys, HashSet<string> leaves, string? root)
    {
        var full = root is null ? keys : [root, .. keys];
        if (node is JsonObject o && o.Count > 0)
        {
            foreach (var (k, v) in o) Collect(v, [.. keys, k], leaves, root);
            return;
        }
        leaves.Add(string.Join(Separator, full));
    }

    public static JsonNode? Get(JsonObject root, string path)
    {
        JsonNode? node = root;
        foreach (var key in Keys(path))
        {
            if (node is not JsonObject o || !o.TryGetPropertyValue(key, out node)) return null;
        }
        return node;
    }

    public static bool Exists(JsonObject root, string path)
    {
        JsonNode? node = root;
        foreach (var key in Keys(path))
            if (node is not JsonObject o || !o.TryGetPropertyValue(key, out node)) return false;
        return true;
    }

    public static void Set(JsonObject root, string path, JsonNode? value)
    {
        var keys = Keys(path);
        var node = root;
        foreach (var key in keys[..^1])
        {
            if (node[key] is not JsonObject child)
            {
                child = [];
                node[key] = child;
            }
            node = child;
        }
        node[keys[^1]] = value?.DeepClone();
    }

    public static void Remove(JsonObject root, string path)
    {
        var keys = Keys(path);
        var parents = new List<JsonObject> { root };
        foreach (var key in keys[..^1])
        {
            if (parents[^1][key] is not JsonObject child) return;
            parents.Add(child);
        }
        parents[^1].Remove(keys[^1]);
        // Maps emptied by the removal go too, as the server leaves no empty shells behind.
        for (var i = parents.Count - 1; i > 0; i--)
        {
            if (parents[i].Count > 0) break;
            parents[i - 1].Remove(keys[i - 1]);
        }
    }

    public static JsonObject ToFieldsV1(IEnumerable<string> paths)
    {
        var root = new JsonObject();
        foreach (var path in paths.Order(StringComparer.Ordinal))
        {
            var node = root;
            foreach (var key in Keys(path))
            {
                if (node["f:" + key] is not JsonObject child)
                {
                    child = [];
                    node["f:" + key] = child;
                }
                node = child;
            }
        }
        return root;
    }

    public static HashSet<string> FromFieldsV1(JsonObject? fields)
    {
        var paths = new HashSet<string>(StringComparer.Ordinal);
        if (fields is not null) Walk(fields, [], paths);
        return paths;
    }

    private static void Walk(JsonObject node, List<string> keys, HashSet<string> paths)
    {
        foreach (var (key, child) in node)
        {
            if (!key.StartsWith("f:", StringComparison.Ordinal)) continue;
            List<string> next = [.. keys, key[2..]];
            if (child is JsonObject c && c.Count > 0) Walk(c, next, paths);
            else paths.Add(string.Join(Separator, next));
        }
    }
}
