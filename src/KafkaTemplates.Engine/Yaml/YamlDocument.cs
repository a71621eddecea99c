using System.Text.Json.Nodes;

namespace KafkaTemplates.Engine.Yaml;

/// <summary>
/// A YAML document read into JSON nodes, remembering where every node came from so that later checks
/// (template loading, values validation) can report file, line and column. The marks are plain dictionaries by node
/// identity, filled while the one reader builds the document and only read afterwards: a ConditionalWeakTable here
/// took a global lock per node and left a finalizer per table, the largest cost of validating a dry run under load.
/// </summary>
public sealed class YamlDocument
{
    private readonly Dictionary<JsonNode, SourceMark> _marks = new(ReferenceEqualityComparer.Instance);

    public YamlDocument(string file) => File = file;

    public string File { get; }

    public JsonNode? Root { get; internal set; }

    internal void Mark(JsonNode? node, SourceMark mark)
    {
        if (node is not null) _marks[node] = mark;
    }

    /// <summary>Where the node starts; for a node that did not come from this file, the file alone.</summary>
    public SourceMark MarkOf(JsonNode? node) =>
        node is not null && _marks.TryGetValue(node, out var mark) ? mark : SourceMark.None(File);

    /// <summary>Where the key of a mapping entry starts, which is where users look for a bad key.</summary>
    public SourceMark KeyMarkOf(JsonObject parent, string key)
    {
        return _keyMarks.TryGetValue(parent, out var keys) && keys.TryGetValue(key, out var m) ? m : MarkOf(parent);
    }

    private readonly Dictionary<JsonObject, Dictionary<string, SourceMark>> _keyMarks = new(ReferenceEqualityComparer.Instance);

    internal void MarkKey(JsonObject parent, string key, SourceMark mark)
    {
        if (!_keyMarks.TryGetValue(parent, out var keys)) _keyMarks[parent] = keys = new(StringComparer.Ordinal);
        keys[key] = mark;
    }
}
