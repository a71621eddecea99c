using KafkaTemplates.Validation.Repo;

namespace KafkaTemplates.Validation.Rendering;

/// <summary>
/// A set of values the chart is rendered with: the repo's own values, or those values with every feature switch of
/// values.yaml turned on (once with the JMX exporter as java agent, once as sidecar).
/// </summary>
internal sealed record ValueSet(string Name, IReadOnlyList<string> Overrides)
{
    public bool IsRepoValues => Overrides.Count == 0;

    /// <summary>Appended to findings that only this value set shows; null for the repo's own values.</summary>
    public string? Context => IsRepoValues ? null : $"rendered with {Name}";

    public static IReadOnlyList<ValueSet> For(ValuesDocument values)
    {
        var switches = new List<string>
        {
            "metrics.jmx.enabled=true",
            "metrics.serviceMonitor.enabled=true",
            "metrics.prometheusRule.enabled=true",
            "metrics.grafanaDashboard.enabled=true",
            "externalAccess.enabled=true",
            "storageClass.create=true",
            "networkPolicy.enabled=true",
            "podDisruptionBudget.enabled=true",
            "topologySpread.enabled=true",
            "serviceAccount.create=true",
            "tests.enabled=true",
            // The topics/users/ACLs hook Job renders when something is declared or prune is on.
            "reconcile.enabled=true",
            "reconcile.prune=true",
        };
        // LoadBalancer access needs one advertised host per broker; NodePort renders without any.
        var brokers = values.Integer("broker.replicas") ?? 1;
        var hosts = values.Get("externalAccess.advertisedHosts") is System.Text.Json.Nodes.JsonArray a ? a.Count : 0;
        if (values.String("externalAccess.type") != "LoadBalancer" || hosts < brokers) switches.Add("externalAccess.type=NodePort");
        // A created StorageClass needs a provisioner; the in-tree no-provisioner name renders without naming a cloud.
        if (string.IsNullOrEmpty(values.String("storageClass.provisioner"))) switches.Add("storageClass.provisioner=kubernetes.io/no-provisioner");
        if (values.String("affinity.podAntiAffinity") is null or "none") switches.Add("affinity.podAntiAffinity=soft");
        // External access is published only with TLS and authentication, to the networks the team names.
        if (values.String("tls.source") is null or "none") switches.Add("tls.source=cert-manager");
        if (values.String("auth.mode") is null or "none") switches.Add("auth.mode=scram");
        if (values.Get("externalAccess.allowedCidrs") is not System.Text.Json.Nodes.JsonArray { Count: > 0 }) switches.Add("externalAccess.allowedCidrs={10.0.0.0/8}");
        if (values.Get("externalAccess.loadBalancerSourceRanges") is not System.Text.Json.Nodes.JsonArray { Count: > 0 }) switches.Add("externalAccess.loadBalancerSourceRanges={10.0.0.0/8}");

        return
        [
            new("the repo's values", []),
            new("every switch on", [.. switches, "metrics.jmx.mode=agent"]),
            new("every switch on and the sidecar exporter", [.. switches, "metrics.jmx.mode=sidecar"]),
        ];
    }
}
