using System.Text.Json;
using System.Text.Json.Nodes;

namespace KafkaTemplates.Portal.Api;

/// <summary>Where two JSON values first differ, as a dotted path; key order does not matter, list order does.</summary>
internal static class JsonDifference
{
    /// <summary>
    /// Every dry run compares the posted template with the catalog's, and they are nearly always equal: the walk
    /// builds no path and formats no value until it meets a difference.
    /// </summary>
    public static string? Find(JsonNode? expected, JsonNode? actual, string path)
    {
        switch (expected, actual)
        {
            case (JsonObject e, JsonObject a):
                foreach (var (key, value) in e)
                {
                    if (!a.TryGetPropertyValue(key, out var other)) return $"{path}.{key}";
                    if (!Same(value, other)) return Find(value, other, $"{path}.{key}");
                }
                foreach (var (key, _) in a)
                    if (!e.ContainsKey(key)) return $"{path}.{key}";
                return null;
            case (JsonArray e, JsonArray a):
                for (var i = 0; i < Math.Max(e.Count, a.Count); i++)
                {
                    if (i >= e.Count || i >= a.Count) return $"{path}[{i}]";
                    if (!Same(e[i], a[i])) return Find(e[i], a[i], $"{path}[{i}]");
                }
                return null;
            case (null, null):
                return null;
            case (JsonValue e, JsonValue a):
                return SameValue(e, a) ? null : path;
            default:
                return path;
        }
    }

    private static bool Same(JsonNode? expected, JsonNode? actual)
    {
        switch (expected, actual)
        {
            case (JsonObject e, JsonObject a):
                if (e.Count != a.Count) return false;
                foreach (var (key, value) in e)
                    if (!a.TryGetPropertyValue(key, out var other) || !Same(value, other)) return false;
                return true;
            case (JsonArray e, JsonArray a):
                if (e.Count != a.Count) return false;
                for (var i = 0; i < e.Count; i++)
                    if (!Same(e[i], a[i])) return false;
                return true;
            case (null, null):
                return true;
            case (JsonValue e, JsonValue a):
                return SameValue(e, a);
            default:
                return false;
        }
    }

    /// <summary>Equal as JSON text: strings compare without being written out, other values by their text.</summary>
    private static bool SameValue(JsonValue expected, JsonValue actual)
    {
        var kind = expected.GetValueKind();
        if (kind != actual.GetValueKind()) return false;
        return kind == JsonValueKind.String && expected.TryGetValue<string>(out var e) && actual.TryGetValue<string>(out var a)
            ? string.Equals(e, a, StringComparison.Ordinal)
            : expected.ToJsonString() == actual.ToJsonString();
    }
}
