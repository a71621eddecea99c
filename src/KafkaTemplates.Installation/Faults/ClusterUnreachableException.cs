namespace KafkaTemplates.Installation.Faults;

/// <summary>The API server did not answer, after every retry. The cluster is down, or the kubeconfig points elsewhere.</summary>
public sealed class ClusterUnreachableException(string message, Exception? inner = null) : Exception(message, inner);
