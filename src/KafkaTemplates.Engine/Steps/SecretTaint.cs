using System.Security.Cryptography;
using System.Text.Json.Nodes;
using KafkaTemplates.Engine.Parameters;
using KafkaTemplates.Engine.Rendering;

namespace KafkaTemplates.Engine.Steps;

/// <summary>
/// Finds which rendered values depend on a secret, whatever filters the template passed it through, without looking
/// inside the expression language: the same input is rendered again with each secret replaced by two random
/// stand-ins (of different lengths), and a value that comes out different is derived from a secret. Values whose
/// only dependence is the secret itself, verbatim or in another letter case, need no more than the secret's own mask.
/// </summary>
internal sealed class SecretTaint
{
    private readonly string[] _secrets;
    private readonly string[][] _standIns;

    public SecretTaint(AnswerSet answers)
    {
        var names = answers.SecretNames.Where(n => answers[n] is not null).Order(StringComparer.Ordinal).ToList();
        _secrets = [.. names.Select(n => answers[n]!.ToString())];
        _standIns = [.. Enumerable.Range(0, 2).Select(variant => names.Select(_ => StandIn(variant)).ToArray())];
        Variants = [.. Enumerable.Range(0, 2).Select(variant =>
        {
            var json = answers.ToJson(includeSecrets: true);
            for (var i = 0; i < names.Count; i++) json[names[i]] = _standIns[variant][i];
            var secrets = new JsonObject(names.Select((n, i) => KeyValuePair.Create(n, (JsonNode?)_standIns[variant][i])));
            return (PlainValues.FromJson(json), PlainValues.FromJson(secrets));
        })];
    }

    /// <summary>True when the run has secrets to track.</summary>
    public bool Active => _secrets.Length > 0;

    /// <summary>The <c>parameters</c> and <c>secrets</c> scopes of each stand-in run.</summary>
    public IReadOnlyList<(object? Parameters, object? Secrets)> Variants { get; }

    private static string StandIn(int variant) =>
        "kt" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(variant == 0 ? 6 : 11));

    /// <summary>
    /// The string leaves of <paramref name="real"/> that depend on a secret beyond the secret itself. A stand-in render
    /// that failed (null with <paramref name="failed"/>) or changed shape taints the whole value.
    /// </summary>
    public IEnumerable<string> Derived(JsonNode? real, IReadOnlyList<JsonNode?> standIns, bool failed = false)
    {
        var found = new List<string>();
        Walk(real, failed ? null : standIns, found);
        return found;
    }

    /// <summary>A copy of <paramref name="real"/> with every derived leaf replaced by the mask (for outputs shown or stored).</summary>
    public JsonNode? Mask(JsonNode? real, IReadOnlyList<JsonNode?> standIns, bool failed = false)
    {
        var derived = Derived(real, standIns, failed).ToHashSet(StringComparer.Ordinal);
        return Replace(real, derived);
    }

    private static JsonNode? Replace(JsonNode? node, HashSet<string> derived) => node switch
    {
        JsonObject o => new JsonObject(o.Select(p => KeyValuePair.Create(p.Key, Replace(p.Value, derived)))),
        JsonArray a => new JsonArray([.. a.Select(v => Replace(v, derived))]),
        JsonValue v when derived.Contains(Text(v)) => JsonValue.Create(RedactingLog.Mask),
        _ => node?.DeepClone(),
    };

    private void Walk(JsonNode? real, IReadOnlyList<JsonNode?>? standIns, List<string> found)
    {
        switch (real)
        {
            case JsonObject o:
                if (standIns is null || standIns.Any(s => s is not JsonObject so || so.Count != o.Count || o.Any(p => !so.ContainsKey(p.Key))))
                {
                    AddAll(real, found);
                    break;
                }
                foreach (var (key, value) in o) Walk(value, [.. standIns.Select(s => ((JsonObject)s!)[key])], found);
                break;
            case JsonArray a:
                if (standIns is null || standIns.Any(s => s is not JsonArray sa || sa.Count != a.Count))
                {
                    AddAll(real, found);
                    break;
                }
                for (var i = 0; i < a.Count; i++) Walk(a[i], [.. standIns.Select(s => ((JsonArray)s!)[i])], found);
                break;
            case JsonValue v:
                var text = Text(v);
                if (standIns is null) { found.Add(text); break; }
                var residue = MaskSecrets(text, _secrets);
                for (var variant = 0; variant < standIns.Count; variant++)
                {
                    if (standIns[variant] is not JsonValue other || MaskSecrets(Text(other), _standIns[variant]) != residue)
                    {
                        found.Add(text);
                        break;
                    }
                }
                break;
        }
    }

    private static void AddAll(JsonNode? node, List<string> found)
    {
        switch (node)
        {
            case JsonObject o: foreach (var (_, v) in o) AddAll(v, found); break;
            case JsonArray a: foreach (var v in a) AddAll(v, found); break;
            case JsonValue v: found.Add(Text(v)); break;
        }
    }

    private static string Text(JsonValue value) => value.TryGetValue<string>(out var s) ? s : value.ToJsonString();

    private static string MaskSecrets(string text, IEnumerable<string> secrets)
    {
        foreach (var secret in secrets.Where(s => s.Length > 0).OrderByDescending(s => s.Length))
            text = text.Replace(secret, RedactingLog.Mask, StringComparison.OrdinalIgnoreCase);
        return text;
    }
}
