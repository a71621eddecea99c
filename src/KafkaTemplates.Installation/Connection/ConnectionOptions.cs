namespace KafkaTemplates.Installation.Connection;

/// <summary>Where to find the cluster: an explicit kubeconfig and context, else the environment (KUBECONFIG, ~/.kube/config, in-cluster).</summary>
public sealed record ConnectionOptions
{
    /// <summary>--kubeconfig, already resolved against the working folder.</summary>
    public string? KubeconfigPath { get; init; }

    /// <summary>--context; null means the kubeconfig's current-context.</summary>
    public string? Context { get; init; }

    /// <summary>The environment variables to read KUBECONFIG, HOME and the in-cluster variables from.</summary>
    public IReadOnlyDictionary<string, string> Variables { get; init; } = new Dictionary<string, string>();
}
