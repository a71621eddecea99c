using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace KafkaTemplates.Installation.Rendering;

/// <summary>
/// Reads helm's multi-document output into JSON objects the way the API machinery does (sigs.k8s.io/yaml, i.e.
/// YAML 1.1 scalars: unquoted yes/no/on/off are booleans, 0755 is octal). Reading it with YAML 1.2 rules instead
/// would send different values than helm or kubectl would.
/// </summary>
public static partial class ManifestParser
{
    public static IReadOnlyList<Manifest> Parse(string text)
    {
        var result = new List<Manifest>();
        foreach (var chunk in DocumentSeparator().Split(text))
        {
            var source = SourceLine().Match(chunk) is { Success: true } m ? m.Groups[1].Value.Trim() : null;
            JsonNode? node;
            try
            {
                node = ReadDocument(chunk);
            }
            catch (YamlException e)
            {
                throw new InstallInputException($"helm rendered YAML that cannot be read{(source is null ? "" : $" in {source}")}: {e.Message}", e);
            }
            switch (node)
            {
                case null:
                    continue;
                case JsonObject o when o["kind"]?.GetValue<string>() is { } kind && kind.EndsWith("List", StringComparison.Ordinal) && o["items"] is JsonArray items:
                    foreach (var item in items.OfType<JsonObject>()) result.Add(Checked(new Manifest((JsonObject)item.DeepClone(), source)));
                    break;
                case JsonObject o:
                    result.Add(Checked(new Manifest(o, source)));
                    break;
                default:
                    throw new InstallInputException($"helm rendered a document that is not an object{(source is null ? "" : $" in {source}")}");
            }
        }
        return result;
    }

    private static Manifest Checked(Manifest m)
    {
        var r = m.Ref;
        if (r.ApiVersion.Length == 0 || r.Kind.Length == 0 || r.Name.Length == 0)
            throw new InstallInputException($"{m.Source ?? "a rendered document"} has no apiVersion, kind or metadata.name");
        return m;
    }

    internal static JsonNode? ReadDocument(string text)
    {
        var parser = new Parser(new StringReader(text));
        parser.Consume<StreamStart>();
        if (parser.TryConsume<StreamEnd>(out _)) return null;
        parser.Consume<DocumentStart>();
        var anchors = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        var root = parser.Accept<DocumentEnd>(out _) ? null : ReadNode(parser, anchors);
        parser.Consume<DocumentEnd>();
        return root;
    }

    private static JsonNode? ReadNode(IParser parser, Dictionary<string, JsonNode?> anchors)
    {
        if (parser.TryConsume<AnchorAlias>(out var alias))
            return anchors.TryGetValue(alias.Value.Value, out var target) ? target?.DeepClone() : throw new YamlException(alias.Start, alias.End, $"unknown alias *{alias.Value}");
        if (parser.TryConsume<Scalar>(out var scalar))
        {
            var value = Resolve(scalar);
            if (!scalar.Anchor.IsEmpty) anchors[scalar.Anchor.Value] = value;
            return value;
        }
        if (parser.TryConsume<SequenceStart>(out var seq))
        {
            var array = new JsonArray();
            while (!parser.TryConsume<SequenceEnd>(out _)) array.Add(ReadNode(parser, anchors));
            if (!seq.Anchor.IsEmpty) anchors[seq.Anchor.Value] = array;
            return array;
        }
        var map = parser.Consume<MappingStart>();
        var obj = new JsonObject();
        while (!parser.TryConsume<MappingEnd>(out _))
        {
            var keyEvent = parser.Current!;
            var key = ReadNode(parser, anchors) switch
            {
                null => "null",
                JsonValue v => v.ToString(),
                _ => throw new YamlException(keyEvent.Start, keyEvent.End, "a mapping key must be a scalar"),
            };
            var value = ReadNode(parser, anchors);
            if (key == "<<" && keyEvent is Scalar { Style: ScalarStyle.Plain })
            {
                foreach (var source in value is JsonArray a ? a.ToList() : [value])
                    if (source is JsonObject o)
                        foreach (var (k, v) in o) if (!obj.ContainsKey(k)) obj[k] = v?.DeepClone();
                continue;
            }
            // Go's decoder keeps the last of duplicate keys; so does this.
            obj[key] = value;
        }
        if (!map.Anchor.IsEmpty) anchors[map.Anchor.Value] = obj;
        return obj;
    }

    /// <summary>YAML 1.1 resolution of a scalar, as gopkg.in/yaml.v2 does it.</summary>
    internal static JsonNode? Resolve(Scalar scalar)
    {
        var text = scalar.Value;
        var tag = scalar.Tag.IsEmpty ? null : scalar.Tag.Value;
        if (tag is "tag:yaml.org,2002:str" || (tag is null && scalar.Style != ScalarStyle.Plain)) return JsonValue.Create(text);
        if (tag is "tag:yaml.org,2002:null") return null;
        switch (text)
        {
            case "" or "~" or "null" or "Null" or "NULL":
                return null;
            case "y" or "Y" or "yes" or "Yes" or "YES" or "on" or "On" or "ON" or "true" or "True" or "TRUE":
                return JsonValue.Create(true);
            case "n" or "N" or "no" or "No" or "NO" or "off" or "Off" or "OFF" or "false" or "False" or "FALSE":
                return JsonValue.Create(false);
        }
        if (text[0] is (>= '0' and <= '9') or '+' or '-' or '.')
        {
            var plain = text.Replace("_", "", StringComparison.Ordinal);
            if (ParseInteger(plain) is { } integer) return integer;
            if (FloatShape().IsMatch(plain) && double.TryParse(plain, NumberStyles.Float, CultureInfo.InvariantCulture, out var d))
                return JsonValue.Create(d);
        }
        return JsonValue.Create(text);
    }

    private static JsonValue? ParseInteger(string s)
    {
        var negative = s.StartsWith('-');
        var digits = s.TrimStart('+', '-');
        if (digits.Length == 0 || s.Length - digits.Length > 1) return null;
        int radix;
        if (digits.StartsWith("0x", StringComparison.Ordinal)) { radix = 16; digits = digits[2..]; }
        else if (digits.StartsWith("0b", StringComparison.Ordinal)) { radix = 2; digits = digits[2..]; }
        else if (digits.StartsWith("0o", StringComparison.Ordinal)) { radix = 8; digits = digits[2..]; }
        else if (digits.Length > 1 && digits[0] == '0') { radix = 8; digits = digits[1..]; }
        else radix = 10;
        if (digits.Length == 0) return null;
        try
        {
            if (radix == 10)
            {
                if (!digits.All(char.IsAsciiDigit)) return null;
                if (long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l)) return JsonValue.Create(l);
                return decimal.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var big) ? JsonValue.Create(big) : null;
            }
            var value = Convert.ToInt64(digits, radix);
            return JsonValue.Create(negative ? -value : value);
        }
        catch (Exception e) when (e is FormatException or ArgumentException or OverflowException)
        {
            return null;
        }
    }

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial Regex FloatShape();

    [GeneratedRegex(@"(?m)^---[ \t]*$")]
    private static partial Regex DocumentSeparator();

    [GeneratedRegex(@"(?m)^# Source: (.+)$")]
    private static partial Regex SourceLine();
}
