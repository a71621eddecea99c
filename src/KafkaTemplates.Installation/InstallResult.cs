using KafkaTemplates.Installation.Apply;
using KafkaTemplates.Installation.Preflight;
using KafkaTemplates.Installation.Wait;

namespace KafkaTemplates.Installation;

/// <summary>How an install went, with everything needed to explain it: preflight findings, the plan, conflicts, the rollout.</summary>
public sealed record InstallResult(InstallOutcome Outcome, string Release, string Namespace)
{
    /// <summary>The cluster it ran against, or null when none was known (client dry run).</summary>
    public string? Cluster { get; init; }

    public PreflightReport Preflight { get; init; } = new();

    public InstallPlan? Plan { get; init; }

    /// <summary>Rendered hook objects apply mode does not run (helm test pods, hooks of other events).</summary>
    public IReadOnlyList<PlannedChange> Skipped { get; init; } = [];

    /// <summary>The post-install/post-upgrade hooks apply mode ran, in order, and how each ended.</summary>
    public IReadOnlyList<Hooks.HookReport> Hooks { get; init; } = [];

    public IReadOnlyList<FieldConflict> Conflicts { get; init; } = [];

    public RolloutReport? Rollout { get; init; }

    /// <summary>Helm's own output in helm mode.</summary>
    public string? HelmOutput { get; init; }

    public bool Succeeded => Outcome is InstallOutcome.Installed or InstallOutcome.Planned;
}
