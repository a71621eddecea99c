using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;

namespace KafkaTemplates.Engine.Yaml;

/// <summary>
/// A YAML document read into JSON nodes, remembering where every node came from so that later checks
/// (template loading, values validation) can report file, line and column.
/// </summary>
public sealed class YamlDocument
{
    private readonly ConditionalWeakTable<JsonNode, StrongBox<SourceMark>> _marks = new();

    public YamlDocument(string file) => File = file;

    public string File { get; }

    public JsonNode? Root { get; internal set; }

    internal void Mark(JsonNode? node, SourceMark mark)
    {
        if (node is not null) _marks.AddOrUpdate(node, new StrongBox<SourceMark>(mark));
    }

    /// <summary>Where the node starts; for a node that did not come from this file, the file alone.</summary>
    public SourceMark MarkOf(JsonNode? node) =>
        node is not null && _marks.TryGetValue(node, out var box) ? box.Value : SourceMark.None(File);

    /// <summary>Where the key of a mapping entry starts, which is where users look for a bad key.</summary>
    public SourceMark KeyMarkOf(JsonObject parent, string key)
    {
        return _keyMarks.TryGetValue(parent, out var keys) && keys.TryGetValue(key, out var m) ? m : MarkOf(parent);
    }

    private readonly ConditionalWeakTable<JsonObject, Dictionary<string, SourceMark>> _keyMarks = new();

    internal void MarkKey(JsonObject parent, string key, SourceMark mark) =>
        _keyMarks.GetOrCreateValue(parent)[key] = mark;
}
