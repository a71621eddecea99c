using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace KafkaTemplates.Engine.Yaml;

/// <summary>
/// Reads YAML into JSON nodes with the YAML 1.2 core schema (the schema Backstage's parser uses), keeping line
/// information and refusing duplicate keys, which other parsers silently resolve to the last value.
/// </summary>
public static partial class StrictYamlReader
{
    public static YamlDocument ReadFile(string path) => Read(System.IO.File.ReadAllText(path), path);

    public static YamlDocument Read(string text, string file)
    {
        var doc = new YamlDocument(file);
        var anchors = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        try
        {
            var parser = new Parser(new StringReader(text));
            parser.Consume<StreamStart>();
            if (parser.Accept<StreamEnd>(out _)) return doc;
            parser.Consume<DocumentStart>();
            if (parser.Accept<DocumentEnd>(out _)) return doc;
            doc.Root = ReadNode(parser, doc, anchors);
            parser.Consume<DocumentEnd>();
            if (!parser.Accept<StreamEnd>(out _))
            {
                var next = parser.Current!;
                throw new YamlFormatException(MarkOf(file, next.Start),
                    "the file holds more than one YAML document; keep one document per file");
            }
        }
        catch (YamlException e)
        {
            throw new YamlFormatException(MarkOf(file, e.Start), Clean(e.Message));
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet reports some unterminated flow collections ("name: [ci" then a new line) this way.
            throw new YamlFormatException(SourceMark.None(file), "the YAML is not complete: a flow collection ([...] or {...}) is not closed");
        }
        return doc;
    }

    private static JsonNode? ReadNode(IParser parser, YamlDocument doc, Dictionary<string, JsonNode?> anchors)
    {
        if (parser.TryConsume<AnchorAlias>(out var alias))
        {
            if (!anchors.TryGetValue(alias.Value.Value, out var target))
                throw new YamlFormatException(MarkOf(doc.File, alias.Start), $"unknown alias *{alias.Value}");
            return target?.DeepClone();
        }

        if (parser.TryConsume<Scalar>(out var scalar))
        {
            var value = ResolveScalar(scalar, doc.File);
            doc.Mark(value, MarkOf(doc.File, scalar.Start));
            Remember(anchors, scalar.Anchor, value);
            return value;
        }

        if (parser.TryConsume<SequenceStart>(out var seqStart))
        {
            var array = new JsonArray();
            doc.Mark(array, MarkOf(doc.File, seqStart.Start));
            while (!parser.TryConsume<SequenceEnd>(out _)) array.Add(ReadNode(parser, doc, anchors));
            Remember(anchors, seqStart.Anchor, array);
            return array;
        }

        if (parser.TryConsume<MappingStart>(out var mapStart))
        {
            var obj = new JsonObject();
            doc.Mark(obj, MarkOf(doc.File, mapStart.Start));
            while (!parser.TryConsume<MappingEnd>(out _))
            {
                var keyEvent = parser.Current!;
                var keyNode = ReadNode(parser, doc, anchors);
                var key = keyNode switch
                {
                    null => "null",
                    JsonValue v => v.ToString(),
                    _ => throw new YamlFormatException(MarkOf(doc.File, keyEvent.Start),
                        "a mapping key must be a plain value, not a list or a mapping"),
                };
                var keyMark = MarkOf(doc.File, keyEvent.Start);
                var value = ReadNode(parser, doc, anchors);
                if (key == "<<" && keyEvent is Scalar { Style: ScalarStyle.Plain })
                {
                    MergeInto(obj, value, doc, keyMark);
                    continue;
                }
                if (obj.ContainsKey(key))
                    throw new YamlFormatException(keyMark, $"duplicate key '{key}'; a key may appear once in a mapping");
                obj[key] = value;
                doc.MarkKey(obj, key, keyMark);
            }
            Remember(anchors, mapStart.Anchor, obj);
            return obj;
        }

        var unexpected = parser.Current!;
        throw new YamlFormatException(MarkOf(doc.File, unexpected.Start), $"unexpected {unexpected.GetType().Name}");
    }

    private static void MergeInto(JsonObject target, JsonNode? source, YamlDocument doc, SourceMark mark)
    {
        IEnumerable<JsonNode?> sources = source is JsonArray a ? a : [source];
        foreach (var s in sources)
        {
            if (s is not JsonObject o) throw new YamlFormatException(mark, "a merge key (<<) needs a mapping");
            foreach (var (k, v) in o)
                if (!target.ContainsKey(k)) target[k] = v?.DeepClone();
        }
    }

    private static void Remember(Dictionary<string, JsonNode?> anchors, AnchorName anchor, JsonNode? node)
    {
        if (!anchor.IsEmpty) anchors[anchor.Value] = node;
    }

    private static JsonNode? ResolveScalar(Scalar scalar, string file)
    {
        var text = scalar.Value;
        var tag = scalar.Tag.IsEmpty ? null : scalar.Tag.Value;
        // Quoted and block scalars are strings unless a tag says otherwise; so is anything tagged !!str.
        if (tag is "tag:yaml.org,2002:str" or "!" || (tag is null && scalar.Style is not ScalarStyle.Plain))
            return JsonValue.Create(text);

        switch (tag)
        {
            case "tag:yaml.org,2002:int":
                return ParseInteger(text) ?? throw new YamlFormatException(MarkOf(file, scalar.Start), $"'{text}' is not an integer");
            case "tag:yaml.org,2002:float":
                return ParseFloat(text) ?? throw new YamlFormatException(MarkOf(file, scalar.Start), $"'{text}' is not a number");
            case "tag:yaml.org,2002:bool":
                return ParseBool(text) is { } b ? JsonValue.Create(b) : throw new YamlFormatException(MarkOf(file, scalar.Start), $"'{text}' is not a boolean");
            case "tag:yaml.org,2002:null":
                return null;
        }

        if (text is "" or "~" or "null" or "Null" or "NULL") return null;
        if (ParseBool(text) is { } boolean) return JsonValue.Create(boolean);
        if (ParseInteger(text) is { } integer) return integer;
        if (ParseFloat(text) is { } number) return number;
        return JsonValue.Create(text);
    }

    private static bool? ParseBool(string s) => s switch
    {
        "true" or "True" or "TRUE" => true,
        "false" or "False" or "FALSE" => false,
        _ => null,
    };

    private static JsonValue? ParseInteger(string s)
    {
        if (DecimalInt().IsMatch(s))
        {
            if (long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l)) return JsonValue.Create(l);
            if (decimal.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var d)) return JsonValue.Create(d);
            return null;
        }
        if (s.StartsWith("0o", StringComparison.Ordinal) && s.Length > 2 && s[2..].All(c => c is >= '0' and <= '7'))
            return JsonValue.Create(Convert.ToInt64(s[2..], 8));
        if (s.StartsWith("0x", StringComparison.Ordinal) && s.Length > 2 && s[2..].All(Uri.IsHexDigit))
            return JsonValue.Create(Convert.ToInt64(s[2..], 16));
        return null;
    }

    private static JsonValue? ParseFloat(string s)
    {
        if (!Float().IsMatch(s)) return null;
        return JsonValue.Create(double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture));
    }

    internal static SourceMark MarkOf(string file, Mark m) => new(file, (int)m.Line, (int)m.Column);

    private static string Clean(string message)
    {
        // YamlDotNet prefixes messages with "(Line: x, Col: y, Idx: z) - (...)": the mark already says that.
        var i = message.LastIndexOf("): ", StringComparison.Ordinal);
        return i >= 0 ? message[(i + 3)..] : message;
    }

    [GeneratedRegex(@"^[-+]?[0-9]+$")]
    private static partial Regex DecimalInt();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial Regex Float();
}
