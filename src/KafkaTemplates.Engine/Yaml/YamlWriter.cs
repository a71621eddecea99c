using System.Globalization;
using System.Text.Json;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace KafkaTemplates.Engine.Yaml;

/// <summary>
/// Writes JSON nodes as block-style YAML, the same bytes for the same data. A string is left plain only when no
/// YAML reader could take it for anything else; otherwise it is double-quoted, so a value can never add a key.
/// </summary>
internal static partial class YamlWriter
{
    public static string Write(JsonNode? node)
    {
        var sb = new StringBuilder();
        switch (node)
        {
            case JsonObject o when o.Count > 0: WriteMapping(sb, o, 0); break;
            case JsonArray a when a.Count > 0: WriteSequence(sb, a, 0); break;
            default: sb.Append(Scalar(node)).Append('\n'); break;
        }
        return sb.ToString();
    }

    private static void WriteMapping(StringBuilder sb, JsonObject o, int indent)
    {
        var first = true;
        foreach (var (key, value) in o)
        {
            if (!first || indent > 0) sb.Append(' ', indent);
            first = false;
            sb.Append(Key(key)).Append(':');
            WriteValue(sb, value, indent);
        }
    }

    private static void WriteSequence(StringBuilder sb, JsonArray a, int indent)
    {
        foreach (var item in a)
        {
            sb.Append(' ', indent).Append('-');
            switch (item)
            {
                case JsonObject o when o.Count > 0:
                    sb.Append(' ');
                    var inner = new StringBuilder();
                    WriteMapping(inner, o, indent + 2);
                    // The first key sits on the dash's line.
                    sb.Append(inner.ToString(indent + 2, inner.Length - indent - 2));
                    break;
                case JsonArray nested when nested.Count > 0:
                    sb.Append('\n');
                    WriteSequence(sb, nested, indent + 2);
                    break;
                default:
                    sb.Append(' ').Append(Scalar(item)).Append('\n');
                    break;
            }
        }
    }

    private static void WriteValue(StringBuilder sb, JsonNode? value, int indent)
    {
        switch (value)
        {
            case JsonObject o when o.Count > 0:
                sb.Append('\n');
                WriteMapping(sb, o, indent + 2);
                break;
            case JsonArray a when a.Count > 0:
                sb.Append('\n');
                WriteSequence(sb, a, indent + 2);
                break;
            default:
                sb.Append(' ').Append(Scalar(value)).Append('\n');
                break;
        }
    }

    public static string Scalar(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject => "{}",
        JsonArray => "[]",
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.String => String(v.ToString()),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            JsonValueKind.Number => v.ToJsonString(),
            JsonValueKind.Null => "null",
            _ => Quote(v.ToJsonString()),
        },
        _ => Quote(node.ToJsonString()),
    };

    private static string Key(string key) => IsPlainSafe(key) ? key : Quote(key);

    public static string String(string s) => IsPlainSafe(s) ? s : Quote(s);

    /// <summary>A YAML double-quoted scalar; every character that could end or break it is escaped.</summary>
    public static string Quote(string s)
    {
        var sb = new StringBuilder(s.Length + 2).Append('"');
        foreach (var c in s)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case < ' ' or '\u007f' or '\u0085' or '\u2028' or '\u2029' or '\ufeff':
                    sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    break;
                default: sb.Append(c); break;
            }
        }
        return sb.Append('"').ToString();
    }

    private static bool IsPlainSafe(string s) =>
        s.Length > 0 && PlainSafe().IsMatch(s) && !Ambiguous().IsMatch(s);

    // Letters, digits and a few punctuation marks; ':' only when not followed by a space or the end.
    [GeneratedRegex(@"^[A-Za-z0-9_/.][A-Za-z0-9_/.\-+@=]*(?::[A-Za-z0-9_/.\-+@=]+)*$")]
    private static partial Regex PlainSafe();

    // Words and numbers that YAML 1.1 or 1.2 readers resolve to something other than a string.
    [GeneratedRegex(@"^(?:[-+]?(?:[0-9][0-9_]*)?(?:\.[0-9_]*)?(?:[eE][-+]?[0-9]+)?|0[xob][0-9a-fA-F_]+|[0-9:]+|\.inf|\.nan|~|null|Null|NULL|true|True|TRUE|false|False|FALSE|yes|Yes|YES|no|No|NO|on|On|ON|off|Off|OFF|y|Y|n|N)$")]
    private static partial Regex Ambiguous();
}
