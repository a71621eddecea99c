using k8s.Models;
using KafkaTemplates.Validation.Diagnostics;
using KafkaTemplates.Validation.Rendering;
using KafkaTemplates.Validation.Repo;

namespace KafkaTemplates.Validation.Rules.Kubernetes;

/// <summary>
/// KT3103 and KT3112: every PodDisruptionBudget selects pods of the release, and every StatefulSet with more than
/// one replica has one. A budget that selects nothing is reported once (KT3103), not again as a missing budget.
/// </summary>
internal sealed class PodDisruptionBudgetRule : IRenderedChartRule
{
    public void Check(ValidationContext context, RenderedChart chart)
    {
        var workloads = Workload.In(chart).Where(w => !w.Manifest.IsHook).ToList();
        var budgets = chart.OfKind("PodDisruptionBudget").Select(m => (Manifest: m, Budget: m.As<V1PodDisruptionBudget>())).Where(b => b.Budget is not null).ToList();
        var strayBudget = false;
        foreach (var (manifest, budget) in budgets)
        {
            if (workloads.Any(w => w.HasPodWhere(labels => LabelSelector.Matches(budget!.Spec?.Selector, labels)))) continue;
            strayBudget = true;
            context.Report(DiagnosticCatalog.PdbSelectsNothing,
                context.Sources.Locate(manifest.SourceFile, ManifestPath.Of("spec", "selector"), manifest.Kind),
                $"PodDisruptionBudget {manifest.Name} selects no pod of the release, so it protects nothing; use the selector labels of the StatefulSet it guards",
                chart.ValueSet.Context);
        }
        if (strayBudget) return;
        foreach (var w in workloads.Where(w => w.Kind == "StatefulSet" && w.Replicas > 1))
        {
            if (budgets.Any(b => w.HasPodWhere(labels => LabelSelector.Matches(b.Budget!.Spec?.Selector, labels)))) continue;
            context.Report(DiagnosticCatalog.PdbMissing,
                ValuesHint.Where(context, chart, "podDisruptionBudget.enabled", false)
                    ?? context.Sources.Locate(w.Manifest.SourceFile, ManifestPath.Of("spec", "replicas"), w.Kind),
                $"{w.Describe} runs {w.Replicas} pods but no PodDisruptionBudget protects them, so a node drain may evict several at once; set podDisruptionBudget.enabled: true",
                chart.ValueSet.Context);
        }
    }
}
