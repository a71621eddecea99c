using System.Globalization;
using System.Text.Json.Nodes;
using KafkaTemplates.Engine.Yaml;

namespace KafkaTemplates.Engine.Parameters;

/// <summary>
/// Types a <c>--set key=value</c> by the parameter's schema: integers, numbers, booleans, arrays (comma-separated or a
/// YAML flow list) and objects (a YAML flow map). Strings are taken exactly as typed, never read as YAML.
/// </summary>
public static class SetValueParser
{
    public static (string Key, string Value) Split(string assignment)
    {
        var eq = assignment.IndexOf('=');
        if (eq <= 0) throw new FormatException($"'{assignment}' is not key=value");
        return (assignment[..eq].Trim(), assignment[(eq + 1)..]);
    }

    public static bool TryParse(string raw, JsonObject? schema, out JsonNode? value, out string? problem)
    {
        problem = null;
        value = null;
        var type = schema?["type"] switch
        {
            JsonValue v => v.ToString(),
            JsonArray a when a.Count > 0 => a[0]!.ToString(),
            _ => "string",
        };
        switch (type)
        {
            case "integer":
                if (long.TryParse(raw.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l)) { value = l; return true; }
                problem = "expected a whole number";
                return false;
            case "number":
                if (double.TryParse(raw.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d))
                {
                    value = d == Math.Floor(d) && Math.Abs(d) < 1e15 ? JsonValue.Create((long)d) : JsonValue.Create(d);
                    return true;
                }
                problem = "expected a number";
                return false;
            case "boolean":
                switch (raw.Trim().ToLowerInvariant())
                {
                    case "true" or "yes" or "on" or "1": value = true; return true;
                    case "false" or "no" or "off" or "0": value = false; return true;
                    default: problem = "expected true or false"; return false;
                }
            case "array":
                return TryParseArray(raw, schema?["items"] as JsonObject, out value, out problem);
            case "object":
                try
                {
                    value = YamlReader.Read(raw, "value").Root;
                    if (value is JsonObject) return true;
                }
                catch (YamlFormatException e) { problem = "expected a YAML map such as {a: 1}: " + e.Problem; return false; }
                problem = "expected a YAML map such as {a: 1}";
                return false;
            case "null":
                value = null;
                return true;
            default:
                value = JsonValue.Create(raw);
                return true;
        }
    }

    private static bool TryParseArray(string raw, JsonObject? items, out JsonNode? value, out string? problem)
    {
        value = null;
        problem = null;
        var trimmed = raw.Trim();
        if (trimmed.StartsWith('['))
        {
            try
            {
                if (YamlReader.Read(trimmed, "value").Root is JsonArray parsed) { value = parsed; return true; }
            }
            catch (YamlFormatException e) { problem = "expected a list such as [a, b]: " + e.Problem; return false; }
            problem = "expected a list such as [a, b]";
            return false;
        }
        var array = new JsonArray();
        if (trimmed.Length > 0)
        {
            foreach (var part in raw.Split(','))
            {
                if (!TryParse(part.Trim(), items, out var item, out var itemProblem))
                {
                    problem = $"list item '{InputLimits.Default.Quote(part.Trim())}': {itemProblem}";
                    return false;
                }
                array.Add(item);
            }
        }
        value = array;
        return true;
    }
}
