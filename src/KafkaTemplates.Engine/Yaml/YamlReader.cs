using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace KafkaTemplates.Engine.Yaml;

/// <summary>How plain scalars such as <c>yes</c>, <c>0755</c> or <c>1e3</c> become values.</summary>
internal enum YamlScalars
{
    /// <summary>The YAML 1.2 core schema, which Backstage's parser uses: the tool's own files and everything users write for it.</summary>
    Core,

    /// <summary>
    /// YAML 1.1 as Kubernetes reads it (sigs.k8s.io/yaml): unquoted yes/no/on/off are booleans and 0755 is octal.
    /// For helm's output on its way to the API server, which must carry the values helm and kubectl would send.
    /// </summary>
    Kubernetes,
}

/// <summary>How <see cref="YamlReader"/> reads one document.</summary>
public sealed record YamlReadOptions
{
    /// <summary>The tool's files and users' files: YAML 1.2 core, a duplicate key is an error.</summary>
    public static readonly YamlReadOptions Strict = new();

    /// <summary>Rendered manifests as the API machinery reads them: YAML 1.1, and the last of duplicate keys wins as in Go.</summary>
    public static readonly YamlReadOptions Kubernetes = new() { Scalars = YamlScalars.Kubernetes, LastDuplicateKeyWins = true };

    internal YamlScalars Scalars { get; init; } = YamlScalars.Core;

    public bool LastDuplicateKeyWins { get; init; }

    public InputLimits Limits { get; init; } = InputLimits.Default;
}

/// <summary>
/// The one reader of YAML into JSON nodes. It keeps the line and column of every node (so checks can point at the
/// line to fix), resolves anchors, aliases and merge keys (<c>&lt;&lt;</c>), refuses duplicate keys unless told to
/// keep the last, and holds every document to its <see cref="InputLimits"/>: size, nesting depth, and the number of
/// nodes with aliases expanded, so an alias bomb is refused before it grows.
/// </summary>
public static partial class YamlReader
{
    /// <summary>Reads a file, refusing it unread when it is larger than the limits allow.</summary>
    public static YamlDocument ReadFile(string path, string? display = null, YamlReadOptions? options = null)
    {
        options ??= YamlReadOptions.Strict;
        return Read(BoundedFile.ReadText(path, display ?? path, options.Limits), display ?? path, options);
    }

    public static YamlDocument Read(string text, string file, YamlReadOptions? options = null)
    {
        options ??= YamlReadOptions.Strict;
        var limits = options.Limits;
        if (text.Length > limits.MaxBytes)
            throw new InputLimitException(SourceMark.None(file), $"the document is larger than {InputLimits.Size(limits.MaxBytes)}, the most this tool reads");
        var state = new State(new YamlDocument(file), options);
        try
        {
            var parser = new Parser(new StringReader(text));
            parser.Consume<StreamStart>();
            if (parser.Accept<StreamEnd>(out _)) return state.Document;
            parser.Consume<DocumentStart>();
            if (parser.Accept<DocumentEnd>(out _)) return state.Document;
            state.Document.Root = state.ReadNode(parser, 0);
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
            // YamlDotNet reports some malformed input (an unclosed [ or { running into the next line) this way.
            throw new YamlFormatException(LastParsedPosition(text, file),
                "the YAML does not parse here; look for an unclosed [ or { or a missing quote");
        }
        return state.Document;
    }

    private sealed class State(YamlDocument document, YamlReadOptions options)
    {
        private readonly Dictionary<string, (JsonNode? Node, int Size)> _anchors = new(StringComparer.Ordinal);
        private int _nodes;

        public YamlDocument Document { get; } = document;

        private string File => Document.File;

        private InputLimits Limits => options.Limits;

        /// <param name="isKey">A mapping key: its place is kept as the key's mark, never as a node's.</param>
        public JsonNode? ReadNode(IParser parser, int depth, bool isKey = false)
        {
            if (parser.TryConsume<AnchorAlias>(out var alias))
            {
                if (!_anchors.TryGetValue(alias.Value.Value, out var target))
                    throw new YamlFormatException(MarkOf(File, alias.Start), $"unknown alias *{Limits.Quote(alias.Value.Value)}");
                Count(target.Size, alias.Start);
                return target.Node?.DeepClone();
            }

            if (parser.TryConsume<Scalar>(out var scalar))
            {
                Count(1, scalar.Start);
                var value = options.Scalars == YamlScalars.Core ? ResolveCore(scalar, File, Limits) : ResolveKubernetes(scalar);
                if (!isKey) Document.Mark(value, MarkOf(File, scalar.Start));
                Remember(scalar.Anchor, value, 1);
                return value;
            }

            if (depth >= Limits.MaxDepth)
                throw new InputLimitException(MarkOf(File, parser.Current!.Start),
                    $"the document nests deeper than {Limits.MaxDepth} levels, the most this tool reads");

            if (parser.TryConsume<SequenceStart>(out var seqStart))
            {
                var before = _nodes;
                Count(1, seqStart.Start);
                var array = new JsonArray();
                Document.Mark(array, MarkOf(File, seqStart.Start));
                while (!parser.TryConsume<SequenceEnd>(out _)) array.Add(ReadNode(parser, depth + 1));
                Remember(seqStart.Anchor, array, _nodes - before);
                return array;
            }

            if (parser.TryConsume<MappingStart>(out var mapStart))
            {
                var before = _nodes;
                Count(1, mapStart.Start);
                var obj = new JsonObject();
                Document.Mark(obj, MarkOf(File, mapStart.Start));
                while (!parser.TryConsume<MappingEnd>(out _))
                {
                    var keyEvent = parser.Current!;
                    var keyNode = ReadNode(parser, depth + 1, isKey: true);
                    var key = keyNode switch
                    {
                        null => "null",
                        JsonValue v => v.ToString(),
                        _ => throw new YamlFormatException(MarkOf(File, keyEvent.Start),
                            "a mapping key must be a plain value, not a list or a mapping"),
                    };
                    var keyMark = MarkOf(File, keyEvent.Start);
                    var value = ReadNode(parser, depth + 1);
                    if (key == "<<" && keyEvent is Scalar { Style: ScalarStyle.Plain })
                    {
                        MergeInto(obj, value, keyMark);
                        continue;
                    }
                    if (obj.ContainsKey(key) && !options.LastDuplicateKeyWins)
                        throw new YamlFormatException(keyMark, $"duplicate key '{Limits.Quote(key)}'; a key may appear once in a mapping");
                    obj[key] = value;
                    Document.MarkKey(obj, key, keyMark);
                }
                Remember(mapStart.Anchor, obj, _nodes - before);
                return obj;
            }

            var unexpected = parser.Current!;
            throw new YamlFormatException(MarkOf(File, unexpected.Start), $"unexpected {unexpected.GetType().Name}");
        }

        /// <summary>Keys of the merged mappings that the mapping does not set itself, as YAML's merge key defines.</summary>
        private void MergeInto(JsonObject target, JsonNode? source, SourceMark mark)
        {
            IEnumerable<JsonNode?> sources = source is JsonArray a ? a : [source];
            foreach (var s in sources)
            {
                if (s is not JsonObject o)
                {
                    // Go's decoder ignores what it cannot merge; the tool's own files say so.
                    if (options.Scalars == YamlScalars.Kubernetes) continue;
                    throw new YamlFormatException(mark, "a merge key (<<) needs a mapping");
                }
                foreach (var (k, v) in o)
                {
                    if (target.ContainsKey(k)) continue;
                    Count(Size(v), null, mark);
                    target[k] = v?.DeepClone();
                }
            }
        }

        private void Remember(AnchorName anchor, JsonNode? node, int size)
        {
            if (!anchor.IsEmpty) _anchors[anchor.Value] = (node, size);
        }

        private void Count(int nodes, Mark? at, SourceMark? mark = null)
        {
            _nodes += nodes;
            if (_nodes > Limits.MaxNodes)
                throw new InputLimitException(mark ?? MarkOf(File, at!.Value),
                    $"the document holds more than {Limits.MaxNodes:N0} values, keys and items (aliases and merge keys expanded), the most this tool reads");
        }

        private static int Size(JsonNode? node) => node switch
        {
            JsonObject o => 1 + o.Sum(p => 1 + Size(p.Value)),
            JsonArray a => 1 + a.Sum(Size),
            _ => 1,
        };
    }

    /// <summary>YAML 1.2 core schema resolution.</summary>
    private static JsonNode? ResolveCore(Scalar scalar, string file, InputLimits limits)
    {
        var text = scalar.Value;
        var tag = scalar.Tag.IsEmpty ? null : scalar.Tag.Value;
        // Quoted and block scalars are strings unless a tag says otherwise; so is anything tagged !!str.
        if (tag is "tag:yaml.org,2002:str" or "!" || (tag is null && scalar.Style is not ScalarStyle.Plain))
            return JsonValue.Create(text);

        switch (tag)
        {
            case "tag:yaml.org,2002:int":
                return ParseCoreInteger(text) ?? throw new YamlFormatException(MarkOf(file, scalar.Start), $"'{limits.Quote(text)}' is not an integer");
            case "tag:yaml.org,2002:float":
                return ParseFloat(text) ?? throw new YamlFormatException(MarkOf(file, scalar.Start), $"'{limits.Quote(text)}' is not a number");
            case "tag:yaml.org,2002:bool":
                return ParseBool(text) is { } b ? JsonValue.Create(b) : throw new YamlFormatException(MarkOf(file, scalar.Start), $"'{limits.Quote(text)}' is not a boolean");
            case "tag:yaml.org,2002:null":
                return null;
        }

        if (text is "" or "~" or "null" or "Null" or "NULL") return null;
        if (ParseBool(text) is { } boolean) return JsonValue.Create(boolean);
        if (ParseCoreInteger(text) is { } integer) return integer;
        if (ParseFloat(text) is { } number) return number;
        return JsonValue.Create(text);
    }

    /// <summary>YAML 1.1 resolution of a scalar, as gopkg.in/yaml.v2 does it.</summary>
    private static JsonNode? ResolveKubernetes(Scalar scalar)
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
            if (ParseYaml11Integer(plain) is { } integer) return integer;
            if (Float().IsMatch(plain) && double.TryParse(plain, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d))
                return JsonValue.Create(d);
        }
        return JsonValue.Create(text);
    }

    private static bool? ParseBool(string s) => s switch
    {
        "true" or "True" or "TRUE" => true,
        "false" or "False" or "FALSE" => false,
        _ => null,
    };

    private static JsonValue? ParseCoreInteger(string s)
    {
        if (DecimalInt().IsMatch(s))
        {
            if (long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l)) return JsonValue.Create(l);
            if (decimal.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var d)) return JsonValue.Create(d);
            return null;
        }
        if (s.StartsWith("0o", StringComparison.Ordinal) && s.Length > 2 && s[2..].All(c => c is >= '0' and <= '7'))
            return Radix(s[2..], 8, negative: false);
        if (s.StartsWith("0x", StringComparison.Ordinal) && s.Length > 2 && s[2..].All(Uri.IsHexDigit))
            return Radix(s[2..], 16, negative: false);
        return null;
    }

    private static JsonValue? ParseYaml11Integer(string s)
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
        if (radix == 10)
        {
            if (!digits.All(char.IsAsciiDigit)) return null;
            if (long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l)) return JsonValue.Create(l);
            return decimal.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var big) ? JsonValue.Create(big) : null;
        }
        return Radix(digits, radix, negative);
    }

    /// <summary>A number in base 2, 8 or 16; null when it has other digits or does not fit in 64 bits.</summary>
    private static JsonValue? Radix(string digits, int radix, bool negative)
    {
        try
        {
            var value = Convert.ToInt64(digits, radix);
            return JsonValue.Create(negative ? -value : value);
        }
        catch (Exception e) when (e is FormatException or ArgumentException or OverflowException)
        {
            return null;
        }
    }

    private static JsonValue? ParseFloat(string s)
    {
        // A number too large for a double (1e999) stays text: JSON has no infinity.
        if (!Float().IsMatch(s) || !double.IsFinite(double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture))) return null;
        return JsonValue.Create(double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture));
    }

    internal static SourceMark MarkOf(string file, Mark m) => new(file, (int)m.Line, (int)m.Column);

    private static SourceMark LastParsedPosition(string text, string file)
    {
        var last = Mark.Empty;
        try
        {
            var parser = new Parser(new StringReader(text));
            while (parser.MoveNext()) last = parser.Current!.End;
        }
        catch (Exception e) when (e is YamlException or InvalidOperationException)
        {
            // The position reached so far is what we want.
        }
        return new SourceMark(file, Math.Max(1, (int)last.Line), Math.Max(1, (int)last.Column));
    }

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
