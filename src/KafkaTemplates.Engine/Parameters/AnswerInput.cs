using System.Text.Json.Nodes;

namespace KafkaTemplates.Engine.Parameters;

/// <summary>
/// Answers as the user gave them, before defaults and validation: a values file, then <c>--set</c> pairs (raw text,
/// typed later by the schema), then anything answered at a prompt. Later sources win.
/// </summary>
public sealed class AnswerInput
{
    public JsonObject FromFile { get; } = new();

    public List<KeyValuePair<string, string>> FromSet { get; } = [];

    public JsonObject FromPrompt { get; } = new();

    /// <summary>Answers recorded in a repo (upgrades), which come before everything else.</summary>
    public JsonObject Recorded { get; } = new();

    public bool Provides(string name) =>
        Recorded.ContainsKey(name) || FromFile.ContainsKey(name) || FromSet.Any(s => s.Key == name) || FromPrompt.ContainsKey(name);

    /// <summary>True when some source gives the parameter a value that is not empty (the last source wins).</summary>
    public bool ProvidesValue(string name)
    {
        if (FromPrompt.ContainsKey(name)) return !ParameterBinder.IsMissing(FromPrompt[name]);
        var set = FromSet.LastOrDefault(s => s.Key == name);
        if (set.Key is not null) return set.Value.Length > 0;
        if (FromFile.ContainsKey(name)) return !ParameterBinder.IsMissing(FromFile[name]);
        return Recorded.ContainsKey(name) && !ParameterBinder.IsMissing(Recorded[name]);
    }
}
