using KafkaTemplates.Engine.Answers;
using KafkaTemplates.Engine.FileSets;
using KafkaTemplates.Engine.Templates;
using KafkaTemplates.Upgrades.Merging;

namespace KafkaTemplates.Upgrades.Planning;

/// <summary>
/// Everything an upgrade would do to one repo, computed in memory before anything is written: the outcome of every
/// file the template touches, files a migration moves, and notes on answers that changed.
/// </summary>
public sealed record UpgradePlan(
    string RepoDirectory,
    TemplateDefinition Base,
    TemplateDefinition Target,
    AnswersFile TargetAnswers,
    IReadOnlyList<FileOutcome> Files,
    IReadOnlyList<FileMove> Moves,
    IReadOnlyList<string> Notes)
{
    public IEnumerable<FileOutcome> Conflicts => Files.Where(f => f.Status == FileStatus.Conflict);

    /// <summary>Conflicts an earlier merge left in the repo (markers, .rej files): an upgrade waits until they are resolved.</summary>
    public IReadOnlyList<UnresolvedConflict> Unresolved { get; init; } = [];

    /// <summary>What to tell the user while <see cref="Unresolved"/> is not empty.</summary>
    public string UnresolvedSummary => Unresolved.Count == 0 ? "" :
        $"{Unresolved.Count} {(Unresolved.Count == 1 ? "file still holds a conflict" : "files still hold conflicts")} left by an earlier upgrade; " +
        "resolve each (keep the lines you want, delete the <<<<<<< ||||||| ======= >>>>>>> marker lines, or apply and delete the .rej file), commit, then run again";

    public int CleanChanges => Files.Count(f => f.Status is FileStatus.TemplateChange or FileStatus.MergedCleanly or FileStatus.AddedByTemplate or FileStatus.RemovedByTemplate);

    public bool ChangesAnything => Moves.Count > 0 || Files.Any(f => f.Status.ChangesDisk());

    public bool IsBehind => Base.Version < Target.Version;
}

/// <summary>A file a migration moves; the team's edits travel with it.</summary>
public sealed record FileMove(string From, string To);
