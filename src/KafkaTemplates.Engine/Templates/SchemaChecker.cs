using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using KafkaTemplates.Engine.Text;
using KafkaTemplates.Engine.Yaml;

namespace KafkaTemplates.Engine.Templates;

/// <summary>
/// Checks that a parameter page is a well-formed draft-07 JSON Schema, keyword by keyword, with messages that say
/// what to write instead. It knows every draft-07 keyword and the form hints Backstage adds (enumNames, ui:*), so a
/// typo such as <c>patern</c> or <c>type: integr</c> is caught at load rather than silently ignored.
/// </summary>
internal static class SchemaChecker
{
    private enum Kind { Schema, SchemaMap, SchemaOrSchemas, SchemaList, NonNegativeInteger, Number, String, StringList, Array, Boolean, Type, Regex, Any, SchemaOrStrings }

    private static readonly Dictionary<string, Kind> Keywords = new(StringComparer.Ordinal)
    {
        ["$schema"] = Kind.String, ["$id"] = Kind.String, ["$ref"] = Kind.String, ["$comment"] = Kind.String,
        ["title"] = Kind.String, ["description"] = Kind.String, ["default"] = Kind.Any, ["examples"] = Kind.Array,
        ["readOnly"] = Kind.Boolean, ["writeOnly"] = Kind.Boolean,
        ["type"] = Kind.Type, ["enum"] = Kind.Array, ["const"] = Kind.Any, ["format"] = Kind.String,
        ["multipleOf"] = Kind.Number, ["maximum"] = Kind.Number, ["exclusiveMaximum"] = Kind.Number,
        ["minimum"] = Kind.Number, ["exclusiveMinimum"] = Kind.Number,
        ["maxLength"] = Kind.NonNegativeInteger, ["minLength"] = Kind.NonNegativeInteger, ["pattern"] = Kind.Regex,
        ["items"] = Kind.SchemaOrSchemas, ["additionalItems"] = Kind.Schema, ["maxItems"] = Kind.NonNegativeInteger,
        ["minItems"] = Kind.NonNegativeInteger, ["uniqueItems"] = Kind.Boolean, ["contains"] = Kind.Schema,
        ["maxProperties"] = Kind.NonNegativeInteger, ["minProperties"] = Kind.NonNegativeInteger, ["required"] = Kind.StringList,
        ["properties"] = Kind.SchemaMap, ["patternProperties"] = Kind.SchemaMap, ["additionalProperties"] = Kind.Schema,
        ["definitions"] = Kind.SchemaMap, ["dependencies"] = Kind.SchemaOrStrings, ["propertyNames"] = Kind.Schema,
        ["if"] = Kind.Schema, ["then"] = Kind.Schema, ["else"] = Kind.Schema,
        ["allOf"] = Kind.SchemaList, ["anyOf"] = Kind.SchemaList, ["oneOf"] = Kind.SchemaList, ["not"] = Kind.Schema,
        ["contentMediaType"] = Kind.String, ["contentEncoding"] = Kind.String,
        // react-jsonschema-form, which Backstage's forms use.
        ["enumNames"] = Kind.StringList,
    };

    private static readonly HashSet<string> Types = ["string", "integer", "number", "boolean", "array", "object", "null"];

    /// <summary>Every problem in the schema, each with the node to point at.</summary>
    public static List<(JsonNode? At, string Message)> Check(JsonNode? schema, string where)
    {
        var problems = new List<(JsonNode?, string)>();
        Walk(schema, "", where, problems);
        return problems;
    }

    private static void Walk(JsonNode? node, string path, string where, List<(JsonNode?, string)> problems)
    {
        if (node is JsonValue v && v.GetValueKind() is JsonValueKind.True or JsonValueKind.False) return;
        if (node is not JsonObject schema)
        {
            problems.Add((node, $"{Path(path, where)} must be a schema (a mapping), not {Describe(node)}"));
            return;
        }
        foreach (var (key, value) in schema)
        {
            if (key.StartsWith("ui:", StringComparison.Ordinal) || key.StartsWith("backstage:", StringComparison.Ordinal) || key.StartsWith("x-", StringComparison.Ordinal))
                continue;
            var at = path + "/" + key;
            if (!Keywords.TryGetValue(key, out var kind))
            {
                var close = EditDistance.Closest(key, Keywords.Keys);
                problems.Add((value ?? schema, $"{Path(at, where)}: unknown keyword '{InputLimits.Default.Quote(key)}'{(close is null ? "" : $"; did you mean '{close}'?")} (custom keywords start with x- or ui:)"));
                continue;
            }
            CheckKeyword(key, kind, value, at, where, problems);
        }
        if (schema["enum"] is JsonArray values && schema["enumNames"] is JsonArray names && values.Count != names.Count)
            problems.Add((names, $"{Path(path, where)}: enumNames has {names.Count} labels for {values.Count} enum values"));
        if (schema["required"] is JsonArray required && schema["properties"] is JsonObject props)
        {
            foreach (var name in required.Select(r => r?.ToString()).Where(r => r is not null && !props.ContainsKey(r)))
                problems.Add((required, $"{Path(path, where)}: '{name}' is required but is not one of its properties"));
        }
    }

    private static void CheckKeyword(string key, Kind kind, JsonNode? value, string at, string where, List<(JsonNode?, string)> problems)
    {
        void Expect(bool ok, string what)
        {
            if (!ok) problems.Add((value, $"{Path(at, where)} must be {what}, not {Describe(value)}"));
        }
        switch (kind)
        {
            case Kind.Schema:
                Walk(value, at, where, problems);
                break;
            case Kind.SchemaMap:
                if (value is JsonObject map) foreach (var (name, sub) in map) Walk(sub, at + "/" + name, where, problems);
                else Expect(false, "a mapping of name: schema");
                break;
            case Kind.SchemaOrSchemas:
                if (value is JsonArray list) for (var i = 0; i < list.Count; i++) Walk(list[i], $"{at}/{i}", where, problems);
                else Walk(value, at, where, problems);
                break;
            case Kind.SchemaList:
                if (value is JsonArray schemas && schemas.Count > 0) for (var i = 0; i < schemas.Count; i++) Walk(schemas[i], $"{at}/{i}", where, problems);
                else Expect(false, "a non-empty list of schemas");
                break;
            case Kind.SchemaOrStrings:
                if (value is JsonObject deps)
                    foreach (var (name, sub) in deps)
                    {
                        if (sub is JsonArray names) Expect(names.All(IsString), "a list of property names or a schema");
                        else Walk(sub, at + "/" + name, where, problems);
                    }
                else Expect(false, "a mapping");
                break;
            case Kind.NonNegativeInteger:
                Expect(value is JsonValue n && n.GetValueKind() == JsonValueKind.Number && double.TryParse(n.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture, out var d) && d >= 0 && d == Math.Floor(d), "a whole number of 0 or more");
                break;
            case Kind.Number:
                Expect(value is JsonValue num && num.GetValueKind() == JsonValueKind.Number, "a number");
                break;
            case Kind.String:
                Expect(IsString(value), "text");
                break;
            case Kind.StringList:
                Expect(value is JsonArray strings && strings.All(IsString), "a list of text");
                break;
            case Kind.Array:
                Expect(value is JsonArray, "a list");
                break;
            case Kind.Boolean:
                Expect(value is JsonValue b && b.GetValueKind() is JsonValueKind.True or JsonValueKind.False, "true or false");
                break;
            case Kind.Type:
                var names2 = value switch
                {
                    JsonArray a => a.Select(x => x?.ToString()).ToList(),
                    JsonValue s when IsString(s) => [s.ToString()],
                    _ => null,
                };
                if (names2 is null) Expect(false, "a type name or a list of them");
                else foreach (var t in names2.Where(t => t is null || !Types.Contains(t)))
                    problems.Add((value, $"{Path(at, where)}: unknown type '{t}'; use one of {string.Join(", ", Types)}"));
                break;
            case Kind.Regex:
                if (!IsString(value)) { Expect(false, "a regular expression"); break; }
                try { _ = new Regex(value!.ToString(), RegexOptions.None, TimeSpan.FromSeconds(1)); }
                catch (ArgumentException e) { problems.Add((value, $"{Path(at, where)}: the pattern does not compile: {e.Message}")); }
                break;
        }
    }

    private static bool IsString(JsonNode? n) => n is JsonValue v && v.GetValueKind() == JsonValueKind.String;

    private static string Path(string path, string where) => where + (path.Length == 0 ? "" : " at " + path);

    private static string Describe(JsonNode? n) => n switch
    {
        null => "null",
        JsonObject => "a mapping",
        JsonArray => "a list",
        JsonValue v => v.GetValueKind() == JsonValueKind.String ? $"'{v}'" : v.ToJsonString(),
        _ => n.ToJsonString(),
    };
}
