namespace KafkaTemplates.Installation.Connection;

/// <summary>Where the connection settings come from: kubeconfig files (merged in order, as kubectl does) or the pod's service account.</summary>
internal sealed record KubeconfigSource(IReadOnlyList<string> Files, bool InCluster)
{
    public static KubeconfigSource FromFiles(params IReadOnlyList<string> files) => new(files, false);

    public static KubeconfigSource ServiceAccount { get; } = new([], true);

    public override string ToString() => InCluster ? "in-cluster service account" : string.Join(Path.PathSeparator, Files);
}
