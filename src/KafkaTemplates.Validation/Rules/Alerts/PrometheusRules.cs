using System.Text.Json;
using System.Text.Json.Nodes;
using KafkaTemplates.Validation.Rendering;

namespace KafkaTemplates.Validation.Rules.Alerts;

/// <summary>The rules of a rendered PrometheusRule, each with the path that finds it in the template.</summary>
internal static class PrometheusRules
{
    public static bool IsPrometheusRule(RenderedManifest m) =>
        m.Kind == "PrometheusRule" && m.ApiVersion?.StartsWith("monitoring.coreos.com/", StringComparison.Ordinal) == true && m.Root is not null;

    public static IEnumerable<AlertingRule> Enumerate(RenderedManifest manifest)
    {
        if (manifest.Root?["spec"]?["groups"] is not JsonArray groups) yield break;
        foreach (var group in groups.OfType<JsonObject>())
        {
            var groupName = Text(group["name"]);
            if (group["rules"] is not JsonArray rules) continue;
            foreach (var rule in rules.OfType<JsonObject>())
            {
                var name = Text(rule["alert"]) ?? Text(rule["record"]);
                var path = ManifestPath.Of("spec", "groups").Item(groupName).Key("rules").Item(name);
                yield return new AlertingRule(groupName, Text(rule["alert"]), Text(rule["record"]), Text(rule["expr"]), rule, path);
            }
        }
    }

    public static string? Text(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : node is JsonValue n ? n.ToJsonString() : null;
}

/// <summary>One alerting or recording rule of a PrometheusRule group.</summary>
internal sealed record AlertingRule(string? Group, string? Alert, string? Record, string? Expr, JsonObject Node, ManifestPath Path);
