using System.Text.Json;
using System.Text.Json.Nodes;

namespace KafkaTemplates.Engine.Yaml;

/// <summary>
/// Reads untrusted JSON (portal requests) with the rules and <see cref="InputLimits"/> of <see cref="YamlReader"/>:
/// valid UTF-8 only, no duplicate keys (readers disagree on which one wins), bounded size, depth and node count.
/// JSON is YAML, but this reader is the JSON parser itself, which is what a request body deserves.
/// </summary>
public static class JsonInput
{
    /// <exception cref="YamlFormatException">The JSON does not parse, or breaks a rule; the message says where and why.</exception>
    public static JsonNode? Parse(ReadOnlySpan<byte> utf8, string what, InputLimits? limits = null)
    {
        limits ??= InputLimits.Default;
        if (utf8.Length > limits.MaxBytes)
            throw new InputLimitException(SourceMark.None(what), $"it is larger than {InputLimits.Size(limits.MaxBytes)}, the most this tool reads");
        if (Utf8Text.FirstInvalid(utf8) is { } at)
            throw new YamlFormatException(Utf8Text.MarkOf(utf8, at, what), $"it is not valid UTF-8 (byte {at + 1} cannot start or continue a character); send text encoded as UTF-8");
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(utf8, documentOptions: new JsonDocumentOptions { MaxDepth = limits.MaxDepth, AllowDuplicateProperties = false });
        }
        catch (JsonException e)
        {
            var mark = new SourceMark(what, (int)(e.LineNumber ?? -1) + 1, (int)(e.BytePositionInLine ?? -1) + 1);
            throw new YamlFormatException(mark, Clean(e.Message));
        }
        var count = 0;
        Count(node, ref count, limits.MaxNodes, what);
        return node;
    }

    private static void Count(JsonNode? node, ref int count, int max, string what)
    {
        if (++count > max)
            throw new InputLimitException(SourceMark.None(what), $"it holds more than {max:N0} values, keys and items, the most this tool reads");
        switch (node)
        {
            case JsonObject o:
                foreach (var (_, v) in o) { count++; Count(v, ref count, max, what); }
                break;
            case JsonArray a:
                foreach (var v in a) Count(v, ref count, max, what);
                break;
        }
    }

    /// <summary>System.Text.Json ends its messages with " Path: $... | LineNumber: ..."; the mark says where.</summary>
    private static string Clean(string message)
    {
        var i = message.IndexOf(" Path: ", StringComparison.Ordinal);
        return (i >= 0 ? message[..i] : message).TrimEnd();
    }
}
