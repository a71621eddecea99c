using System.Collections;
using System.Text.Json.Nodes;

namespace KafkaTemplates.Engine.Parameters;

/// <summary>
/// The validated answers to a template's parameters, in the template's parameter order. Secrets are included (the
/// render needs them) and marked, so the answers file and logs can leave them out. The answer nodes are the binder's
/// own, not copies: read them, and use <see cref="ToJson"/> for a document of one's own.
/// </summary>
public sealed class AnswerSet : IEnumerable<KeyValuePair<string, JsonNode?>>
{
    private readonly List<KeyValuePair<string, JsonNode?>> _answers;

    public AnswerSet(IEnumerable<KeyValuePair<string, JsonNode?>> answers, IEnumerable<string> secretNames)
    {
        _answers = answers.ToList();
        SecretNames = new HashSet<string>(secretNames, StringComparer.Ordinal);
    }

    public static readonly AnswerSet Empty = new([], []);

    public IReadOnlySet<string> SecretNames { get; }

    public JsonNode? this[string name] => _answers.FirstOrDefault(a => a.Key == name).Value;

    public bool Contains(string name) => _answers.Any(a => a.Key == name);

    /// <summary>The answers as one JSON object, for the render's <c>parameters</c>.</summary>
    public JsonObject ToJson(bool includeSecrets)
    {
        var o = new JsonObject();
        foreach (var (k, v) in _answers)
            if (includeSecrets || !SecretNames.Contains(k)) o[k] = v?.DeepClone();
        return o;
    }

    public IEnumerable<string> SecretValues =>
        _answers.Where(a => SecretNames.Contains(a.Key) && a.Value is not null).Select(a => a.Value!.ToString());

    public IEnumerator<KeyValuePair<string, JsonNode?>> GetEnumerator() => _answers.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
