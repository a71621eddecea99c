using KafkaTemplates.Engine.FileSets;
using KafkaTemplates.Engine.Writing;
using KafkaTemplates.Upgrades.Merging;
using KafkaTemplates.Upgrades.Planning;

namespace KafkaTemplates.Upgrades.Applying;

/// <summary>
/// Writes a plan all at once or not at all, through the same journaled writer as <c>new</c>: new files are staged
/// beside the repo, swapped in with the old ones set aside, any failure puts every old file back, and a crash is
/// finished by the next command run on the repo. The answers file goes last.
/// </summary>
public static class UpgradeApplier
{
    public static int Apply(UpgradePlan plan)
    {
        var changes = Changes(plan).ToList();
        if (changes.Count == 0) return 0;
        AtomicDirectoryWriter.Apply(plan.RepoDirectory, changes);
        return changes.Count;
    }

    /// <summary>Each path's new file, or null to delete it; moves become a delete of the old path.</summary>
    private static IEnumerable<(string Path, GeneratedFile? File)> Changes(UpgradePlan plan)
    {
        foreach (var move in plan.Moves) yield return (move.From, null);
        foreach (var outcome in plan.Files)
        {
            var moved = plan.Moves.Any(m => m.To == outcome.Path);
            if (outcome.Deletes) yield return (outcome.Path, null);
            else if (outcome.Result is not null && (outcome.Status.ChangesDisk() || moved)) yield return (outcome.Path, outcome.Result);
            foreach (var extra in outcome.Extra) yield return (extra.Path, extra);
        }
    }
}
