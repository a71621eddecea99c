using KafkaTemplates.Validation.Diagnostics;
using KafkaTemplates.Validation.Rendering;
using KafkaTemplates.Validation.Repo;

namespace KafkaTemplates.Validation.Rules.Kubernetes;

/// <summary>KT3101: a workload's selector matches the labels of the pods it creates.</summary>
internal sealed class WorkloadSelectorRule : IRenderedChartRule
{
    public void Check(ValidationContext context, RenderedChart chart)
    {
        foreach (var w in Workload.In(chart).Where(w => w.Manifest.Kind is "StatefulSet" or "Deployment" or "DaemonSet"))
        {
            if (LabelSelector.Matches(w.Selector, w.PodLabels)) continue;
            var missing = (w.Selector?.MatchLabels ?? new Dictionary<string, string>())
                .Where(p => !w.PodLabels.TryGetValue(p.Key, out var v) || v != p.Value).Select(p => $"{p.Key}={p.Value}");
            context.Report(DiagnosticCatalog.SelectorMismatch,
                context.Sources.Locate(w.Manifest.SourceFile, ManifestPath.Of("spec", "selector"), w.Kind),
                $"the selector of {w.Describe} does not match its pod template labels (missing: {string.Join(", ", missing.DefaultIfEmpty("a matchExpressions term"))}); select with the pods' own labels",
                chart.ValueSet.Context);
        }
    }
}
