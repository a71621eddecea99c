using System.Text.Json;
using System.Text.Json.Nodes;
using KafkaTemplates.Engine.Yaml;

namespace KafkaTemplates.Validation.Repo;

/// <summary>
/// helm/values.yaml read with line tracking, addressed by dotted paths such as <c>broker.resources.limits.memory</c>,
/// so that rules about values can point at the exact line to change.
/// </summary>
internal sealed class ValuesDocument(YamlDocument document)
{
    public YamlDocument Document { get; } = document;

    public JsonObject Root => Document.Root as JsonObject ?? [];

    public JsonNode? Get(string path)
    {
        JsonNode? node = Root;
        foreach (var part in path.Split('.'))
        {
            if (node is not JsonObject o || !o.TryGetPropertyValue(part, out node)) return null;
        }
        return node;
    }

    public bool Has(string path)
    {
        var dot = path.LastIndexOf('.');
        var parent = dot < 0 ? Root : Get(path[..dot]);
        return parent is JsonObject o && o.ContainsKey(path[(dot + 1)..]);
    }

    public string? String(string path) =>
        Get(path) is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    public long? Integer(string path) =>
        Get(path) is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<long>(out var l) ? l : null;

    public bool? Boolean(string path) =>
        Get(path) is JsonValue v && v.GetValueKind() is JsonValueKind.True or JsonValueKind.False ? v.GetValue<bool>() : null;

    /// <summary>
    /// Where a setting is written: its value when it has a scalar value, its key when the value is a mapping or list
    /// (users look for the key), and the nearest written parent when the setting is absent.
    /// </summary>
    public SourceMark Mark(string path)
    {
        var parts = path.Split('.');
        JsonObject parent = Root;
        var mark = Document.MarkOf(Root);
        for (var i = 0; i < parts.Length; i++)
        {
            if (!parent.TryGetPropertyValue(parts[i], out var child)) return mark;
            var keyMark = Document.KeyMarkOf(parent, parts[i]);
            if (i == parts.Length - 1)
                return child is JsonValue ? Document.MarkOf(child) : keyMark;
            if (child is not JsonObject o) return keyMark;
            mark = keyMark;
            parent = o;
        }
        return mark;
    }

    /// <summary>The mark of a JSON pointer from a schema evaluation: the key for object members, the value otherwise.</summary>
    public SourceMark MarkOfPointer(string pointer)
    {
        var segments = pointer.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Unescape).ToArray();
        JsonNode? node = Root;
        var mark = Document.MarkOf(Root);
        foreach (var segment in segments)
        {
            switch (node)
            {
                case JsonObject o when o.TryGetPropertyValue(segment, out var child):
                    mark = child is JsonValue ? Document.MarkOf(child) : Document.KeyMarkOf(o, segment);
                    node = child;
                    break;
                case JsonArray a when int.TryParse(segment, out var i) && i >= 0 && i < a.Count:
                    mark = Document.MarkOf(a[i]);
                    node = a[i];
                    break;
                default:
                    return mark;
            }
        }
        return mark;
    }

    /// <summary>The key mark of an object member named by a pointer to it (used for keys the schema does not allow).</summary>
    public SourceMark KeyMarkOfPointer(string pointer)
    {
        var segments = pointer.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Unescape).ToArray();
        if (segments.Length == 0) return Document.MarkOf(Root);
        var parent = Resolve(segments[..^1]);
        return parent is JsonObject o && o.ContainsKey(segments[^1]) ? Document.KeyMarkOf(o, segments[^1]) : MarkOfPointer(pointer);
    }

    public JsonNode? Resolve(IEnumerable<string> segments) => Resolve(Root, segments);

    /// <summary>The node a path of object keys and array indexes leads to from <paramref name="root"/>, or null.</summary>
    public static JsonNode? Resolve(JsonNode? root, IEnumerable<string> segments)
    {
        var node = root;
        foreach (var segment in segments)
        {
            node = node switch
            {
                JsonObject o => o[segment],
                JsonArray a when int.TryParse(segment, out var i) && i >= 0 && i < a.Count => a[i],
                _ => null,
            };
            if (node is null) return null;
        }
        return node;
    }

    public static string Unescape(string segment) => segment.Replace("~1", "/").Replace("~0", "~");

    /// <summary>A JSON pointer turned into the dotted path users know from values.yaml.</summary>
    public static string DottedPath(string pointer)
    {
        var segments = pointer.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Unescape).ToArray();
        if (segments.Length == 0) return "values.yaml";
        var sb = new System.Text.StringBuilder();
        foreach (var s in segments)
        {
            if (int.TryParse(s, out _)) sb.Append('[').Append(s).Append(']');
            else sb.Append(sb.Length == 0 ? "" : ".").Append(s);
        }
        return sb.ToString();
    }
}
