namespace KafkaTemplates.Installation.Rendering;

/// <summary>What to render: the repo's chart as a release in a namespace, for a cluster's versions when one is known.</summary>
public sealed record RenderRequest(DeploymentRepo Repo, string Release, string Namespace)
{
    public IReadOnlyList<string> ValuesFiles { get; init; } = [];

    /// <summary>The server's version for Capabilities.KubeVersion; null lets helm use its built-in default.</summary>
    public string? KubeVersion { get; init; }

    /// <summary>Group versions and group/version/Kinds for Capabilities.APIVersions; null when no cluster is known.</summary>
    public IReadOnlyList<string>? ApiVersions { get; init; }

    /// <summary>Values the installer must pin (--set-string), such as the running cluster's KRaft id.</summary>
    public IReadOnlyDictionary<string, string> SetStrings { get; init; } = new Dictionary<string, string>();
}
