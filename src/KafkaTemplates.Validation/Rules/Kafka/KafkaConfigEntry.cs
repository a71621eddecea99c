using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using KafkaTemplates.Engine.Yaml;
using KafkaTemplates.Validation.Repo;

namespace KafkaTemplates.Validation.Rules.Kafka;

/// <summary>
/// A server.properties entry of <c>kafka.config</c> in values.yaml. The chart appends these after the properties it
/// derives, and the last occurrence of a property wins, so an entry here overrides the derived value.
/// </summary>
internal sealed record KafkaConfigEntry(string Property, JsonNode? Value, SourceMark ValueMark, SourceMark KeyMark)
{
    public long? Integer => Value switch
    {
        JsonValue v when v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<long>(out var l) => l,
        JsonValue v when v.GetValueKind() == JsonValueKind.String && long.TryParse(v.GetValue<string>(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var p) => p,
        _ => null,
    };

    public static IReadOnlyList<KafkaConfigEntry> Read(ValuesDocument values)
    {
        if (values.Get("kafka.config") is not JsonObject config) return [];
        return [.. config.Select(p => new KafkaConfigEntry(p.Key, p.Value,
            p.Value is JsonValue ? values.Document.MarkOf(p.Value) : values.Document.KeyMarkOf(config, p.Key),
            values.Document.KeyMarkOf(config, p.Key)))];
    }

    public static KafkaConfigEntry? Find(ValuesDocument values, string property) =>
        Read(values).FirstOrDefault(e => e.Property == property);
}
