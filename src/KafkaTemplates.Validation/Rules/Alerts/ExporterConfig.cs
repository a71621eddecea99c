using System.Text.Json;
using System.Text.Json.Nodes;
using KafkaTemplates.Engine.Yaml;
using KafkaTemplates.Engine.FileSets;
using KafkaTemplates.Validation.Repo;

namespace KafkaTemplates.Validation.Rules.Alerts;

/// <summary>
/// helm/files/jmx-exporter.yaml read into its rules, and the series names it certainly produces: the literal names of
/// its rules (lower-cased when lowercaseOutputName is set; counters also with the _total suffix the exporter adds).
/// </summary>
internal sealed class ExporterConfig
{
    private ExporterConfig(YamlDocument document, JsonObject root, IReadOnlyList<ExporterRule> rules)
    {
        Document = document;
        Root = root;
        Rules = rules;
        var lowercase = root["lowercaseOutputName"] is JsonValue v && v.GetValueKind() == JsonValueKind.True;
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var rule in rules.Where(r => r.IsLiteral))
        {
            var name = lowercase ? rule.Name!.ToLowerInvariant() : rule.Name!;
            names.Add(name);
            if (string.Equals(rule.Type, "COUNTER", StringComparison.OrdinalIgnoreCase) && !name.EndsWith("_total", StringComparison.Ordinal))
                names.Add(name + "_total");
        }
        LiteralNames = names;
    }

    public YamlDocument Document { get; }

    public JsonObject Root { get; }

    public IReadOnlyList<ExporterRule> Rules { get; }

    public IReadOnlySet<string> LiteralNames { get; }

    /// <summary>The configuration, or null when the file is missing; a file that does not parse throws.</summary>
    public static ExporterConfig? Read(RepoFiles files)
    {
        if (files.ReadYaml(RepoLayout.ExporterConfig) is not { } document) return null;
        var root = document.Root as JsonObject ?? [];
        var rules = new List<ExporterRule>();
        if (root["rules"] is JsonArray list)
        {
            foreach (var item in list)
            {
                var rule = item as JsonObject ?? [];
                rules.Add(new ExporterRule(
                    Text(rule["pattern"]), Text(rule["name"]), Text(rule["type"]),
                    document.MarkOf(item), document.MarkOf(rule["pattern"] ?? item), document.MarkOf(rule["name"] ?? item),
                    document.MarkOf(rule["type"] ?? item)));
            }
        }
        return new ExporterConfig(document, root, rules);
    }

    private static string? Text(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : node?.ToJsonString();
}
