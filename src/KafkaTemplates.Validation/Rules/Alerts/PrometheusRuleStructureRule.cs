using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using KafkaTemplates.Validation.Diagnostics;
using KafkaTemplates.Validation.Rendering;
using KafkaTemplates.Validation.Repo;

namespace KafkaTemplates.Validation.Rules.Alerts;

/// <summary>
/// KT5001: spec.groups is a list of uniquely named groups of rules; every rule has exactly one of alert and record,
/// an expr, a valid `for` duration, and string labels and annotations.
/// </summary>
internal sealed partial class PrometheusRuleStructureRule : IRenderedChartRule
{
    public void Check(ValidationContext context, RenderedChart chart)
    {
        foreach (var manifest in chart.Manifests.Where(PrometheusRules.IsPrometheusRule))
        {
            void Problem(ManifestPath path, string message) => context.Report(DiagnosticCatalog.PrometheusRuleStructure,
                context.Sources.Locate(manifest.SourceFile, path, manifest.Kind), message, chart.ValueSet.Context);

            if (manifest.Root!["spec"]?["groups"] is not JsonArray groups || groups.Count == 0)
            {
                Problem(ManifestPath.Of("spec", "groups"), $"PrometheusRule {manifest.Name} has no spec.groups; put the alerts in a list of named groups");
                continue;
            }
            var names = new HashSet<string>(StringComparer.Ordinal);
            foreach (var group in groups)
            {
                if (group is not JsonObject g || PrometheusRules.Text(g["name"]) is not { Length: > 0 } name)
                {
                    Problem(ManifestPath.Of("spec", "groups"), "a rule group has no name; every group needs a unique name");
                    continue;
                }
                if (!names.Add(name)) Problem(ManifestPath.Of("spec", "groups").Item(name), $"the group name '{name}' is used twice; Prometheus refuses duplicate group names");
                if (g["rules"] is not JsonArray { Count: > 0 }) Problem(ManifestPath.Of("spec", "groups").Item(name).Key("rules"), $"group '{name}' has no rules");
            }
            foreach (var rule in PrometheusRules.Enumerate(manifest))
            {
                var what = rule.Alert is not null ? $"alert {rule.Alert}" : rule.Record is not null ? $"recording rule {rule.Record}" : $"a rule of group '{rule.Group}'";
                if ((rule.Alert is null) == (rule.Record is null))
                    Problem(rule.Path, $"{what} must have exactly one of `alert` and `record`");
                if (string.IsNullOrWhiteSpace(rule.Expr))
                    Problem(rule.Path.Key("expr"), $"{what} has no expr");
                if (rule.Node["for"] is { } forNode && !Duration().IsMatch(PrometheusRules.Text(forNode) ?? ""))
                    Problem(rule.Path.Key("for"), $"the `for` of {what} is {forNode.ToJsonString()}; write a duration such as 5m or 1h30m");
                foreach (var map in new[] { "labels", "annotations" })
                {
                    if (rule.Node[map] is null) continue;
                    if (rule.Node[map] is not JsonObject entries || entries.Any(e => e.Value is not JsonValue))
                        Problem(rule.Path.Key(map), $"the {map} of {what} must map names to text");
                }
            }
        }
    }

    [GeneratedRegex(@"^(?:[0-9]+(?:ms|s|m|h|d|w|y))+$")]
    private static partial Regex Duration();
}
