namespace KafkaTemplates.Installation.Apply;

/// <summary>The names by which objects say who installed them.</summary>
internal static class ReleaseMarks
{
    /// <summary>The server-side apply field manager of every write this tool makes.</summary>
    public const string FieldManager = "kafka-templates";

    /// <summary>Annotation on every object this tool applies: the release that owns it.</summary>
    public const string ReleaseAnnotation = "kafka-templates.dev/release";

    public const string HelmReleaseName = "meta.helm.sh/release-name";
    public const string HelmReleaseNamespace = "meta.helm.sh/release-namespace";
    public const string InstanceLabel = "app.kubernetes.io/instance";
    public const string ManagedByLabel = "app.kubernetes.io/managed-by";

    /// <summary>helm.sh/resource-policy: keep — Helm never deletes such an object, and neither does pruning.</summary>
    public const string ResourcePolicy = "helm.sh/resource-policy";

    public static string InventoryName(string release) => $"{release}-kafka-templates-inventory";
}
