using KafkaTemplates.Engine.Yaml;
using KafkaTemplates.Validation.Diagnostics;
using KafkaTemplates.Validation.Rendering;
using KafkaTemplates.Validation.Repo;

namespace KafkaTemplates.Validation.Rules.Alerts;

/// <summary>
/// KT5006: every series an alert or recording rule selects is produced: named literally by an exporter rule, recorded
/// by another rule, or a known Prometheus, kubelet, cAdvisor or kube-state-metrics series.
/// </summary>
internal sealed class AlertMetricsRule : IRenderedChartRule
{
    public void Check(ValidationContext context, RenderedChart chart)
    {
        ExporterConfig? exporter;
        try
        {
            exporter = ExporterConfig.Read(context.Files);
        }
        catch (YamlFormatException)
        {
            return; // KT5007 reports the file; without its rules every kafka_* series would look missing.
        }
        var produced = exporter?.LiteralNames ?? new HashSet<string>();
        foreach (var manifest in chart.Manifests.Where(PrometheusRules.IsPrometheusRule))
        {
            var rules = PrometheusRules.Enumerate(manifest).ToList();
            var recorded = rules.Where(r => r.Record is not null).Select(r => r.Record!).ToHashSet(StringComparer.Ordinal);
            foreach (var rule in rules.Where(r => r.Expr is not null))
            {
                foreach (var metric in PromQlMetrics.Extract(rule.Expr!).Distinct(StringComparer.Ordinal))
                {
                    if (produced.Contains(metric) || recorded.Contains(metric) || KnownSeries.Contains(metric)) continue;
                    var ruleAt = context.Sources.Locate(manifest.SourceFile, rule.Path, manifest.Kind);
                    var at = context.Sources.FindText(ruleAt.File, metric, ruleAt.Line) ?? ruleAt;
                    context.Report(DiagnosticCatalog.AlertMetricNotExported, at,
                        $"{(rule.Alert is not null ? "alert " + rule.Alert : "recording rule " + rule.Record)} uses {metric}, which no rule of {RepoLayout.ExporterConfig} names " +
                        "and which is no known kubelet, cAdvisor or kube-state-metrics series; add an exporter rule with `name: " + metric + "` or fix the name",
                        chart.ValueSet.Context);
                }
            }
        }
    }
}
