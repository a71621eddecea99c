using KafkaTemplates.Engine.FileSets;
using KafkaTemplates.Upgrades.Merging;
using KafkaTemplates.Upgrades.Planning;

namespace KafkaTemplates.Upgrades.Applying;

/// <summary>
/// Writes a plan all at once or not at all. Every new file is first written into a staging folder beside the repo;
/// then each file is swapped in by rename, with the old one kept aside, and any failure puts every old file back.
/// </summary>
public static class UpgradeApplier
{
    public static int Apply(UpgradePlan plan)
    {
        var changes = Changes(plan).ToList();
        if (changes.Count == 0) return 0;
        var repo = plan.RepoDirectory;
        var staging = Path.Combine(Path.GetDirectoryName(repo.TrimEnd(Path.DirectorySeparatorChar))!, $".{Path.GetFileName(repo)}.upgrade-{Guid.NewGuid():N}");
        var fresh = Path.Combine(staging, "new");
        var backup = Path.Combine(staging, "old");
        var done = new List<(string Path, bool HadOld)>();
        try
        {
            foreach (var (path, file) in changes.Where(c => c.File is not null))
            {
                var target = Path.Combine(fresh, path);
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.WriteAllBytes(target, file!.Content.ToArray());
                if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(target, file.Mode.ToUnix());
            }
            foreach (var (path, file) in changes)
            {
                var live = Path.Combine(repo, path);
                var hadOld = File.Exists(live);
                if (hadOld)
                {
                    var aside = Path.Combine(backup, path);
                    Directory.CreateDirectory(Path.GetDirectoryName(aside)!);
                    File.Move(live, aside);
                }
                done.Add((path, hadOld));
                if (file is not null)
                {
                    Directory.CreateDirectory(Path.GetDirectoryName(live)!);
                    File.Move(Path.Combine(fresh, path), live);
                }
            }
        }
        catch
        {
            Rollback(repo, backup, done);
            throw;
        }
        finally
        {
            if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
        }
        return changes.Count;
    }

    private static void Rollback(string repo, string backup, List<(string Path, bool HadOld)> done)
    {
        foreach (var (path, hadOld) in Enumerable.Reverse(done))
        {
            var live = Path.Combine(repo, path);
            if (File.Exists(live)) File.Delete(live);
            if (hadOld) File.Move(Path.Combine(backup, path), live);
        }
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
