using KafkaTemplates.Validation.Diagnostics;
using KafkaTemplates.Validation.Rendering;
using KafkaTemplates.Validation.Repo;

namespace KafkaTemplates.Validation.Rules.Kubernetes;

/// <summary>KT3114: the ServiceAccount the pods run as is one the chart creates (the namespace's default needs none).</summary>
internal sealed class ServiceAccountRule : IRenderedChartRule
{
    public void Check(ValidationContext context, RenderedChart chart)
    {
        var accounts = chart.OfKind("ServiceAccount").Select(m => m.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var w in Workload.In(chart))
        {
            var account = w.Spec.ServiceAccountName;
            if (string.IsNullOrEmpty(account) || account == "default" || accounts.Contains(account)) continue;
            context.Report(DiagnosticCatalog.ServiceAccountMissing,
                ValuesHint.Where(context, chart, "serviceAccount.create", false)
                    ?? context.Sources.Locate(w.Manifest.SourceFile, w.PodSpecPath.Key("serviceAccountName"), w.Kind),
                $"the pods of {w.Describe} run as ServiceAccount {account}, which the chart does not create; set serviceAccount.create: true or create it before installing",
                chart.ValueSet.Context);
        }
    }
}
