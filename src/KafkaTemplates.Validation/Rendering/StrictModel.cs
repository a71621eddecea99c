using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;
using k8s;
using KafkaTemplates.Validation.Diagnostics;

namespace KafkaTemplates.Validation.Rendering;

/// <summary>
/// Reads a rendered object's tree into the KubernetesClient model of its kind as the API server would: an unknown
/// field or a value of the wrong type (a word where a boolean goes, an unquoted number where a string goes) is a
/// problem at that field's path. It uses KubernetesClient's source-generated JSON metadata, so it works the same in
/// the native (ahead-of-time compiled) tool, where reflection over the models is not there.
/// </summary>
internal static partial class StrictModel
{
    private static readonly JsonSerializerOptions Options = Create();

    /// <summary>The model, or the first problem found (the model is then null).</summary>
    public static (object? Model, ManifestProblem? Problem) Read(JsonObject root, Type type, string kind)
    {
        try
        {
            return (JsonSerializer.Deserialize(root, Options.GetTypeInfo(type)), null);
        }
        catch (JsonException e)
        {
            return (null, Classify(e, root, kind));
        }
    }

    private static JsonSerializerOptions Create()
    {
        // The context's own options carry Kubernetes' converters (dates, quantities, int-or-string) and names.
        var options = new JsonSerializerOptions(SourceGenerationContext.Default.Options)
        {
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        };
        // The OpenAPI "required" marks are looser than they read (the API server defaults several of them), and
        // missing fields are the object rules' business: only unknown fields and wrong types are refused here.
        options.TypeInfoResolver = SourceGenerationContext.Default.WithAddedModifier(info =>
        {
            foreach (var property in info.Properties) property.IsRequired = false;
        });
        options.MakeReadOnly();
        return options;
    }

    private static ManifestProblem Classify(JsonException e, JsonObject root, string kind)
    {
        var steps = JsonPathSteps(e.Path);
        if (UnknownMember().Match(e.Message) is { Success: true } unknown)
        {
            var field = unknown.Groups["field"].Value;
            if (steps.Count == 0 || !Equals(steps[^1], field)) steps.Add(field);
            var path = PathOf(root, steps);
            return new ManifestProblem(DiagnosticCatalog.UnknownField, path,
                $"{path} is not a field of {kind} (no '{field}' in {unknown.Groups["type"].Value}); check its spelling and indentation");
        }
        var at = PathOf(root, steps);
        var value = NodeAt(root, steps) is JsonValue v ? v.ToJsonString() : "";
        var expected = WrongValue().Match(e.Message) is { Success: true } m ? Describe(m.Groups["type"].Value) : "another kind of value";
        return new ManifestProblem(DiagnosticCatalog.WrongFieldType, at,
            $"{at} has a value of the wrong type for {kind} ({value}): it takes {expected}");
    }

    /// <summary>"$.spec.ports[0]['odd.key']" as keys and indexes.</summary>
    private static List<object> JsonPathSteps(string? path)
    {
        var steps = new List<object>();
        if (string.IsNullOrEmpty(path)) return steps;
        foreach (Match m in PathStep().Matches(path))
        {
            if (m.Groups["index"].Success) steps.Add(int.Parse(m.Groups["index"].Value, System.Globalization.CultureInfo.InvariantCulture));
            else steps.Add(m.Groups["quoted"].Success ? m.Groups["quoted"].Value.Replace("''", "'", StringComparison.Ordinal) : m.Groups["key"].Value);
        }
        return steps;
    }

    /// <summary>The path as the rules write it: list items named by their name (or alert, record) where they have one.</summary>
    private static ManifestPath PathOf(JsonObject root, List<object> steps)
    {
        var path = ManifestPath.Root;
        JsonNode? node = root;
        foreach (var step in steps)
        {
            if (step is int index)
            {
                var item = node is JsonArray a && index < a.Count ? a[index] : null;
                path = path.Item(item is JsonObject o ? Hint(o) : null);
                node = item;
            }
            else
            {
                var key = (string)step;
                path = path.Key(key);
                node = node is JsonObject o ? o[key] : null;
            }
        }
        return path;
    }

    private static string? Hint(JsonObject item)
    {
        foreach (var key in (string[])["name", "alert", "record"])
            if (item[key] is JsonValue v && v.GetValueKind() == JsonValueKind.String) return v.GetValue<string>();
        return null;
    }

    private static JsonNode? NodeAt(JsonNode? node, List<object> steps)
    {
        foreach (var step in steps)
            node = step is int i ? (node is JsonArray a && i < a.Count ? a[i] : null) : (node is JsonObject o ? o[(string)step] : null);
        return node;
    }

    private static string Describe(string type)
    {
        var inner = NullableOf().Match(type) is { Success: true } n ? n.Groups["inner"].Value : type;
        return inner switch
        {
            "System.Boolean" => "true or false",
            "System.Int32" or "System.Int64" => "a whole number",
            "System.Double" or "System.Single" => "a number",
            "System.String" => "a string (quote it)",
            "System.DateTime" or "System.DateTimeOffset" => "an RFC 3339 time",
            "System.Byte[]" => "base64 text",
            _ when inner.StartsWith("System.Collections.Generic.IDictionary", StringComparison.Ordinal) => "a mapping",
            _ when inner.StartsWith("System.Collections.Generic.", StringComparison.Ordinal) => "a list",
            _ => $"a {inner.Replace("k8s.Models.", "", StringComparison.Ordinal)} object",
        };
    }

    [GeneratedRegex(@"property '(?<field>[^']+)' could not be mapped to any \.NET member contained in type '(?:k8s\.Models\.)?(?<type>[^']+)'")]
    private static partial Regex UnknownMember();

    [GeneratedRegex(@"could not be converted to (?<type>\S+?)\.(?:\s|$)")]
    private static partial Regex WrongValue();

    [GeneratedRegex(@"^System\.Nullable`1\[(?<inner>.+)\]$")]
    private static partial Regex NullableOf();

    [GeneratedRegex(@"\.(?<key>[^.\[]+)|\['(?<quoted>(?:[^']|'')*)'\]|\[(?<index>\d+)\]")]
    private static partial Regex PathStep();
}
