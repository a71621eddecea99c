namespace KafkaTemplates.Installation.Tests.ApiServer;

/// <summary>A kind the emulated server serves, as its discovery documents describe it.</summary>
public sealed record ServedKind(string Group, string Version, string Kind, string Plural, bool Namespaced, bool HasStatus = false, string[]? Verbs = null)
{
    public string GroupVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    public string[] AllVerbs => Verbs ?? ["create", "delete", "get", "list", "patch", "update", "watch"];

    public static IReadOnlyList<ServedKind> BuiltIn { get; } =
    [
        new("", "v1", "Namespace", "namespaces", false, HasStatus: true),
        new("", "v1", "ConfigMap", "configmaps", true),
        new("", "v1", "Secret", "secrets", true),
        new("", "v1", "Service", "services", true, HasStatus: true),
        new("", "v1", "ServiceAccount", "serviceaccounts", true),
        new("", "v1", "Pod", "pods", true, HasStatus: true),
        new("", "v1", "Event", "events", true),
        new("", "v1", "PersistentVolumeClaim", "persistentvolumeclaims", true, HasStatus: true),
        new("apps", "v1", "StatefulSet", "statefulsets", true, HasStatus: true),
        new("apps", "v1", "Deployment", "deployments", true, HasStatus: true),
        new("policy", "v1", "PodDisruptionBudget", "poddisruptionbudgets", true, HasStatus: true),
        new("networking.k8s.io", "v1", "NetworkPolicy", "networkpolicies", true),
        new("storage.k8s.io", "v1", "StorageClass", "storageclasses", false),
        new("authorization.k8s.io", "v1", "SelfSubjectAccessReview", "selfsubjectaccessreviews", false, Verbs: ["create"]),
    ];

    /// <summary>batch/v1, served by every cluster; a list of its own so the kinds above keep their positions.</summary>
    public static IReadOnlyList<ServedKind> Batch { get; } =
    [
        new("batch", "v1", "Job", "jobs", true, HasStatus: true),
    ];

    /// <summary>What the Prometheus operator's CRDs add.</summary>
    public static IReadOnlyList<ServedKind> PrometheusOperator { get; } =
    [
        new("monitoring.coreos.com", "v1", "ServiceMonitor", "servicemonitors", true),
        new("monitoring.coreos.com", "v1", "PrometheusRule", "prometheusrules", true),
    ];

    /// <summary>What cert-manager's CRDs add.</summary>
    public static IReadOnlyList<ServedKind> CertManager { get; } =
    [
        new("cert-manager.io", "v1", "Certificate", "certificates", true, HasStatus: true),
        new("cert-manager.io", "v1", "Issuer", "issuers", true, HasStatus: true),
        new("cert-manager.io", "v1", "ClusterIssuer", "clusterissuers", false, HasStatus: true),
    ];
}
