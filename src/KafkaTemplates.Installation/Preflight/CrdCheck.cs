using KafkaTemplates.Engine.Text;

namespace KafkaTemplates.Installation.Preflight;

/// <summary>
/// Every rendered kind is served by the cluster. The chart's optional ServiceMonitor and PrometheusRule need the
/// Prometheus operator's CRDs, and its Certificates and Issuers cert-manager's; when they are missing the message
/// says both ways out.
/// </summary>
internal static class CrdCheck
{
    public const string Name = "Kinds served (CRDs)";

    private const string MonitoringGroup = "monitoring.coreos.com";

    private const string CertManagerGroup = "cert-manager.io";

    // The values switch of each optional Prometheus-operator object of the hypertrace-kafka chart.
    private static readonly Dictionary<string, string> Switches = new(StringComparer.Ordinal)
    {
        ["ServiceMonitor"] = "metrics.serviceMonitor.enabled",
        ["PrometheusRule"] = "metrics.prometheusRule.enabled",
    };

    public static void Run(PreflightContext context, PreflightReport report)
    {
        var missing = context.Objects.Where(o => o.Resource is null).Select(o => o.Ref).ToList();
        if (missing.Count == 0)
        {
            report.Pass(Name);
            return;
        }

        var monitoring = missing.Where(r => r.Group == MonitoringGroup).ToList();
        if (monitoring.Count > 0)
        {
            var kinds = monitoring.Select(r => r.Kind).Distinct().ToList();
            var switches = kinds.Select(k => Switches.TryGetValue(k, out var s) ? s : null).OfType<string>().ToList();
            var disable = switches.Count > 0
                ? $"set {string.Join(" and ", switches.Select(s => s + ": false"))} in helm/values.yaml (or a {Setting.Values} file)"
                : "disable them in the chart's values";
            report.Error(Name,
                $"the chart renders {string.Join(" and ", kinds)} ({monitoring[0].ApiVersion}), but the cluster has no Prometheus operator CRDs for them",
                $"either {disable}, or install the Prometheus operator CRDs first, e.g. `helm install prometheus-operator-crds oci://ghcr.io/prometheus-community/charts/prometheus-operator-crds` (kube-prometheus-stack brings them too)");
        }

        var certManager = missing.Where(r => r.Group == CertManagerGroup).ToList();
        if (certManager.Count > 0)
            report.Error(Name,
                $"the chart renders {string.Join(" and ", certManager.Select(r => r.Kind).Distinct())} ({certManager[0].ApiVersion}) because tls.source is cert-manager, but the cluster has no cert-manager CRDs",
                "install cert-manager first (https://cert-manager.io/docs/installation/), or set tls.source: secret in helm/values.yaml and create the TLS Secrets yourself");

        foreach (var group in missing.Where(r => r.Group is not (MonitoringGroup or CertManagerGroup)).GroupBy(r => (r.ApiVersion, r.Kind)))
        {
            var unavailable = context.Capabilities.Unavailable.Contains(group.Key.ApiVersion);
            report.Error(Name,
                unavailable
                    ? $"{group.Key.Kind} ({group.Key.ApiVersion}) cannot be checked: the cluster's {group.Key.ApiVersion} API did not answer discovery"
                    : $"the cluster does not serve {group.Key.Kind} in {group.Key.ApiVersion} (needed by {string.Join(", ", group.Select(r => r.Name))})",
                unavailable ? "check the API service (kubectl get apiservices) and try again" : "install the CRD that defines it, or turn the object off in the chart's values");
        }
    }
}
