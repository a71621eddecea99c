using KafkaTemplates.Validation.Diagnostics;
using KafkaTemplates.Validation.Rendering;
using KafkaTemplates.Validation.Repo;

namespace KafkaTemplates.Validation.Rules.Kubernetes;

/// <summary>KT3111: a StatefulSet with several replicas keeps its pods apart with pod anti-affinity on its own labels.</summary>
internal sealed class AntiAffinityRule : IRenderedChartRule
{
    public void Check(ValidationContext context, RenderedChart chart)
    {
        foreach (var w in Workload.In(chart).Where(w => w.Kind == "StatefulSet" && w.Replicas > 1))
        {
            var anti = w.Spec.Affinity?.PodAntiAffinity;
            var selectors = (anti?.RequiredDuringSchedulingIgnoredDuringExecution ?? []).Select(t => t.LabelSelector)
                .Concat((anti?.PreferredDuringSchedulingIgnoredDuringExecution ?? []).Select(t => t.PodAffinityTerm?.LabelSelector));
            if (selectors.Any(s => LabelSelector.Matches(s, w.PodLabels))) continue;
            context.Report(DiagnosticCatalog.AntiAffinityMissing,
                ValuesHint.Where(context, chart, "affinity.podAntiAffinity", "none")
                    ?? context.Sources.Locate(w.Manifest.SourceFile, w.PodSpecPath.Key("affinity"), w.Kind),
                $"{w.Describe} runs {w.Replicas} pods without pod anti-affinity on its own labels, so one node can hold several of them; set affinity.podAntiAffinity to soft or hard",
                chart.ValueSet.Context);
        }
    }
}
