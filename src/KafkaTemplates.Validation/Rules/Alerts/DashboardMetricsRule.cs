using System.Text.Json;
using System.Text.Json.Nodes;
using KafkaTemplates.Engine.Yaml;
using KafkaTemplates.Validation.Diagnostics;
using KafkaTemplates.Validation.Rendering;
using KafkaTemplates.Validation.Repo;

namespace KafkaTemplates.Validation.Rules.Alerts;

/// <summary>
/// KT5010: every query of a Grafana dashboard the chart ships (a ConfigMap with the sidecar's grafana_dashboard label)
/// selects only series that exist, by the same rule as the alerts (KT5006): named by an exporter rule, or a known
/// kubelet, cAdvisor, kube-state-metrics or Prometheus series. A panel on a series nobody exports stays empty.
/// </summary>
internal sealed class DashboardMetricsRule : IRenderedChartRule
{
    public const string DashboardFile = "helm/files/grafana-dashboard.json";

    public void Check(ValidationContext context, RenderedChart chart)
    {
        ExporterConfig? exporter;
        try
        {
            exporter = ExporterConfig.Read(context.Files);
        }
        catch (YamlFormatException)
        {
            return; // KT5007 reports the exporter file.
        }
        var produced = exporter?.LiteralNames ?? new HashSet<string>();
        foreach (var manifest in chart.OfKind("ConfigMap").Where(m => m.Root?["metadata"]?["labels"]?["grafana_dashboard"] is not null))
        {
            foreach (var (key, value) in manifest.Root?["data"] as JsonObject ?? [])
            {
                JsonNode? dashboard;
                try
                {
                    dashboard = JsonNode.Parse(value?.ToString() ?? "");
                }
                catch (JsonException e)
                {
                    context.Report(DiagnosticCatalog.DashboardMetricNotExported, context.Sources.Locate(manifest.SourceFile, ManifestPath.Of("data"), manifest.Kind),
                        $"dashboard {key} of ConfigMap {manifest.Name} is not JSON ({e.Message}); Grafana would not load it", chart.ValueSet.Context);
                    continue;
                }
                foreach (var expr in Queries(dashboard))
                {
                    foreach (var metric in PromQlMetrics.Extract(expr).Distinct(StringComparer.Ordinal))
                    {
                        if (produced.Contains(metric) || KnownSeries.Contains(metric)) continue;
                        var at = context.Sources.FindText(DashboardFile, metric) ?? context.Sources.Locate(manifest.SourceFile, ManifestPath.Of("data"), manifest.Kind);
                        context.Report(DiagnosticCatalog.DashboardMetricNotExported, at,
                            $"dashboard {key} queries {metric}, which no rule of {RepoLayout.ExporterConfig} names and which is no known kubelet, cAdvisor or kube-state-metrics series; " +
                            "add an exporter rule with `name: " + metric + "` or fix the query", chart.ValueSet.Context);
                    }
                }
            }
        }
    }

    /// <summary>Every PromQL expression of the dashboard: panel targets (rows nest panels) and query variables.</summary>
    private static IEnumerable<string> Queries(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (key, value) in o)
                {
                    if (key == "expr" && value is JsonValue v && v.TryGetValue<string>(out var expr)) yield return expr;
                    else foreach (var inner in Queries(value)) yield return inner;
                }
                break;
            case JsonArray a:
                foreach (var item in a) foreach (var inner in Queries(item)) yield return inner;
                break;
        }
    }
}
