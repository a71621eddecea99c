using KafkaTemplates.Engine.Answers;
using KafkaTemplates.Installation.Apply;
using KafkaTemplates.Installation.Connection;
using KafkaTemplates.Installation.Rendering;

namespace KafkaTemplates.Installation.Preflight;

/// <summary>What the checks look at: the options, the cluster, the rendered objects and the cluster's current state.</summary>
internal sealed record PreflightContext(
    InstallOptions Options,
    ReleaseIdentity Identity,
    DeploymentRepo Repo,
    ClusterConnection Connection,
    ClusterCapabilities Capabilities,
    IReadOnlyList<ResolvedObject> Objects,
    LiveState Live)
{
    /// <summary>The hooks this install runs after the objects (post-install or post-upgrade), in order.</summary>
    public IReadOnlyList<ResolvedObject> Hooks { get; init; } = [];

    public string Namespace => Identity.Namespace;

    public string Release => Identity.Release;

    /// <summary>Inventory entries the chart no longer renders: what this install would prune.</summary>
    public IReadOnlyList<ObjectRef> PruneCandidates =>
        Options.Mode == InstallMode.Apply && Live.Inventory is { } inventory
            ? inventory.Objects.Where(o => Objects.All(r => r.Ref.Key != o.Key)).ToList()
            : [];
}
