using KafkaTemplates.Upgrades.Sources;

namespace KafkaTemplates.Upgrades.Planning;

/// <summary>
/// An upgrade rewrites files; on top of uncommitted work the team could not tell its edits from the upgrade's, nor
/// undo it with git. So a dirty working tree is refused unless the user says otherwise.
/// </summary>
public static class GitWorkingTree
{
    /// <summary>The uncommitted paths, or an empty list when the folder is clean or not in a git repo.</summary>
    public static IReadOnlyList<string> UncommittedChanges(string repo)
    {
        var (code, output, _) = GitRunner.Run(repo, GitRunner.LocalTimeout, "status", "--porcelain", "--untracked-files=normal", "--", ".");
        if (code != 0) return [];
        // Stryker disable once Conditional,Equality : a porcelain line is "XY path", never shorter than 4 characters, so the short branch is never taken
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Length > 3 ? l[3..] : l).ToList();
    }
}
