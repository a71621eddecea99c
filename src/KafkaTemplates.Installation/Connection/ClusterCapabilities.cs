namespace KafkaTemplates.Installation.Connection;

/// <summary>What discovery found: the server's version and every kind it serves, by group and version.</summary>
internal sealed class ClusterCapabilities(KubeVersion serverVersion, string gitVersion, IReadOnlyList<ApiResource> resources, IReadOnlyList<string> unavailable)
{
    public KubeVersion ServerVersion { get; } = serverVersion;

    /// <summary>The version as the server states it, e.g. v1.31.2-eks-1a2b3c; what helm gets as --kube-version.</summary>
    public string GitVersion { get; } = gitVersion;

    public IReadOnlyList<ApiResource> Resources { get; } = resources;

    /// <summary>Group versions whose discovery failed (an aggregated API that is down); they are treated as absent.</summary>
    public IReadOnlyList<string> Unavailable { get; } = unavailable;

    public ApiResource? Find(string apiVersion, string kind) =>
        Resources.FirstOrDefault(r => r.GroupVersion == apiVersion && r.Kind == kind);

    /// <summary>Every group version and group/version/Kind, as helm's --api-versions takes them (Capabilities.APIVersions.Has).</summary>
    public IReadOnlyList<string> HelmApiVersions() =>
        Resources.Select(r => r.GroupVersion).Distinct()
            .Concat(Resources.Select(r => $"{r.GroupVersion}/{r.Kind}").Distinct())
            .Order(StringComparer.Ordinal).ToList();
}
