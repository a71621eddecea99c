namespace KafkaTemplates.Installation.Apply;

/// <summary>
/// The order objects are applied in: what pods need at start (namespace, policies, ServiceAccount, Secrets,
/// ConfigMaps, storage, RBAC, Services) first, then custom resources such as ServiceMonitors, then workloads, so a
/// StatefulSet never starts pods that miss their configuration. Pruning deletes in the reverse order.
/// </summary>
internal static class ApplyOrder
{
    private static readonly string[] Before =
    [
        "Namespace", "CustomResourceDefinition", "PriorityClass", "NetworkPolicy", "ResourceQuota", "LimitRange", "PodDisruptionBudget",
        "ServiceAccount", "Secret", "ConfigMap", "StorageClass", "PersistentVolume", "PersistentVolumeClaim",
        "ClusterRole", "ClusterRoleBinding", "Role", "RoleBinding", "Service",
    ];

    private static readonly string[] After =
    [
        "DaemonSet", "Pod", "ReplicaSet", "Deployment", "HorizontalPodAutoscaler", "StatefulSet", "Job", "CronJob",
        "IngressClass", "Ingress", "APIService",
    ];

    /// <summary>Rank of a kind; kinds not listed (custom resources) sit between Services and workloads.</summary>
    public static int Rank(string kind)
    {
        var i = Array.IndexOf(Before, kind);
        if (i >= 0) return i;
        var j = Array.IndexOf(After, kind);
        return j >= 0 ? Before.Length + 1 + j : Before.Length;
    }

    /// <summary>Stable sort by rank, then by the chart's own order.</summary>
    public static IReadOnlyList<T> Sort<T>(IEnumerable<T> items, Func<T, string> kind) =>
        items.Select((item, index) => (item, index)).OrderBy(p => Rank(kind(p.item))).ThenBy(p => p.index).Select(p => p.item).ToList();
}
