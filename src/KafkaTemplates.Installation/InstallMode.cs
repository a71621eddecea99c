namespace KafkaTemplates.Installation;

/// <summary>How the rendered release reaches the cluster.</summary>
public enum InstallMode
{
    /// <summary>Server-side apply by this tool, with an inventory for pruning (the default).</summary>
    Apply,

    /// <summary>Delegate to <c>helm upgrade --install</c>, for teams that want Helm releases.</summary>
    Helm,
}
