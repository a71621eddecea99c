using System.Text.Json.Nodes;

namespace KafkaTemplates.Portal.Api;

/// <summary>Where two JSON values first differ, as a dotted path; key order does not matter, list order does.</summary>
internal static class JsonDifference
{
    public static string? Find(JsonNode? expected, JsonNode? actual, string path)
    {
        switch (expected, actual)
        {
            case (JsonObject e, JsonObject a):
                foreach (var key in e.Select(kv => kv.Key).Union(a.Select(kv => kv.Key), StringComparer.Ordinal))
                {
                    if (!e.ContainsKey(key) || !a.ContainsKey(key)) return $"{path}.{key}";
                    if (Find(e[key], a[key], $"{path}.{key}") is { } inner) return inner;
                }
                return null;
            case (JsonArray e, JsonArray a):
                for (var i = 0; i < Math.Max(e.Count, a.Count); i++)
                {
                    if (i >= e.Count || i >= a.Count) return $"{path}[{i}]";
                    if (Find(e[i], a[i], $"{path}[{i}]") is { } inner) return inner;
                }
                return null;
            case (null, null):
                return null;
            case (JsonValue e, JsonValue a):
                return e.ToJsonString() == a.ToJsonString() ? null : path;
            default:
                return path;
        }
    }
}
