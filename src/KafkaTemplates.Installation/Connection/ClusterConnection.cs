using k8s;

namespace KafkaTemplates.Installation.Connection;

/// <summary>An open client for one cluster, and where its settings came from (for messages and for helm).</summary>
internal sealed class ClusterConnection(Kubernetes client, KubeconfigSource source, string? context, string server) : IDisposable
{
    public Kubernetes Client { get; } = client;

    public KubeApi Api { get; } = new(client);

    public KubeconfigSource Source { get; } = source;

    /// <summary>The context in use (null in a pod).</summary>
    public string? Context { get; } = context;

    public string Server { get; } = server;

    public string Describe() => Context is null ? $"{Server} ({Source})" : $"context '{Context}' ({Server})";

    public void Dispose() => Client.Dispose();
}
