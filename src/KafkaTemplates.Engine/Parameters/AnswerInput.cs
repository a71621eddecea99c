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
}
