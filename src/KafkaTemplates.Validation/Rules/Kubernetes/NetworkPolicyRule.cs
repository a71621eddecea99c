using k8s.Models;
using KafkaTemplates.Validation.Diagnostics;
using KafkaTemplates.Validation.Rendering;
using KafkaTemplates.Validation.Repo;

namespace KafkaTemplates.Validation.Rules.Kubernetes;

/// <summary>KT3113: an ingress NetworkPolicy covers the pods of every Kafka workload.</summary>
internal sealed class NetworkPolicyRule : IRenderedChartRule
{
    public void Check(ValidationContext context, RenderedChart chart)
    {
        var policies = chart.OfKind("NetworkPolicy").Select(m => m.As<V1NetworkPolicy>()).OfType<V1NetworkPolicy>()
            .Where(p => p.Spec?.PolicyTypes is null || p.Spec.PolicyTypes.Contains("Ingress")).ToList();
        foreach (var w in Workload.In(chart).Where(w => !w.Manifest.IsHook && w.Kind is "StatefulSet" or "Deployment"))
        {
            if (policies.Any(p => LabelSelector.IsEmpty(p.Spec?.PodSelector) || w.HasPodWhere(labels => LabelSelector.Matches(p.Spec?.PodSelector, labels)))) continue;
            context.Report(DiagnosticCatalog.NetworkPolicyMissing,
                ValuesHint.Where(context, chart, "networkPolicy.enabled", false)
                    ?? context.Sources.Locate(w.Manifest.SourceFile, ManifestPath.Of("metadata", "name"), w.Kind),
                $"no NetworkPolicy covers the pods of {w.Describe}, so any pod in the cluster reaches its listeners; set networkPolicy.enabled: true",
                chart.ValueSet.Context);
        }
    }
}
