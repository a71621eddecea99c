using KafkaTemplates.Engine.Text;
using KafkaTemplates.Upgrades;
using KafkaTemplates.Upgrades.Applying;
using KafkaTemplates.Upgrades.Planning;

namespace KafkaTemplates.UseCases.Upgrade;

/// <summary>What to upgrade, to what, and how: the plan's request, and whether to write it.</summary>
public sealed record UpgradeRepoRequest
{
    /// <summary>The repo (an absolute path), the target version or source, answers to change, the conflict style.</summary>
    public required UpgradeRequest Plan { get; init; }

    /// <summary>Plan only; write nothing.</summary>
    public bool DryRun { get; init; }

    /// <summary>Upgrade even when the git working tree has uncommitted changes.</summary>
    public bool AllowDirty { get; init; }
}

/// <summary>The plan, and how many files were written (0 for a dry run, when nothing changes, or while conflicts remain).</summary>
public sealed record UpgradeRepoResult(UpgradePlan Plan, int Written);

/// <summary>
/// Take a new template version into a repo with a three-way merge per file: the team's edits are kept, merged, or
/// left between conflict markers, never dropped; all changes or none are written. A dirty git working tree is
/// refused, since the upgrade could then neither be reviewed nor undone.
/// </summary>
public sealed class UpgradeRepo(UseCaseContext context)
{
    /// <exception cref="UpgradeException">The upgrade cannot start; the message says why.</exception>
    public async Task<UpgradeRepoResult> RunAsync(UpgradeRepoRequest request, CancellationToken cancellationToken)
    {
        var repo = request.Plan.RepoDirectory;
        Upgrader.ReadAnswers(repo);
        if (!request.AllowDirty && !request.DryRun)
        {
            var dirty = GitWorkingTree.UncommittedChanges(repo);
            if (dirty.Count > 0)
                throw new UpgradeException($"the git working tree has {dirty.Count} uncommitted changes ({string.Join(", ", dirty.Take(5))}{(dirty.Count > 5 ? ", ..." : "")}); commit or stash them so the upgrade can be reviewed and undone, or pass {Setting.AllowDirty}");
        }
        var plan = await context.Upgrader.PlanAsync(request.Plan, cancellationToken);
        // Conflicts an earlier upgrade left must be resolved first: writing now would bury them under new changes.
        var written = plan.Unresolved.Count == 0 && plan.ChangesAnything && !request.DryRun ? UpgradeApplier.Apply(plan) : 0;
        return new UpgradeRepoResult(plan, written);
    }
}
