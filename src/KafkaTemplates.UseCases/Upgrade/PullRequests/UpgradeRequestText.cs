using System.Text;
using KafkaTemplates.Upgrades.Merging;
using KafkaTemplates.Upgrades.Planning;

namespace KafkaTemplates.UseCases.Upgrade.PullRequests;

/// <summary>
/// What an upgrade request says: its title, its commit message, and a description that is the plan, so a reviewer
/// sees what the upgrade did without running it: files updated, files merged, conflicts left for a person (with
/// their paths), files kept, new parameters with the values chosen, and the migration notes.
/// </summary>
internal static class UpgradeRequestText
{
    /// <summary>The title's mark on a request whose branch holds conflict markers.</summary>
    public const string NeedsPersonPrefix = "[needs a person] ";

    /// <summary>GitHub refuses a body above 65,536 characters; a plan of thousands of files is cut with a note.</summary>
    public const int MaxDescription = 60_000;

    /// <summary>The branch every run for the same template version pushes to: <c>kafka-templates/&lt;template&gt;-&lt;version&gt;</c>.</summary>
    public static string Branch(UpgradePlan plan) => $"kafka-templates/{plan.Target.Id}-{plan.Target.Version}";

    public static string Title(UpgradePlan plan) =>
        (plan.Conflicts.Any() ? NeedsPersonPrefix : "") + $"Upgrade {plan.Target.Id} to {plan.Target.Version}";

    public static string CommitMessage(UpgradePlan plan)
    {
        var conflicts = plan.Conflicts.Count();
        return $"Upgrade {plan.Target.Id} {plan.Base.Version} -> {plan.Target.Version}\n\n" +
            $"{plan.CleanChanges} files changed cleanly, {conflicts} with conflict markers to resolve.\n" +
            "Made by kafka-templates upgrade --pull-request.\n";
    }

    public static string Description(UpgradePlan plan)
    {
        var text = new StringBuilder();
        text.Append("## Upgrade ").Append(plan.Target.Id).Append(' ').Append(plan.Base.Version).Append(" → ").Append(plan.Target.Version).Append("\n\n");
        text.Append("`kafka-templates upgrade` ran on the default branch with a three-way merge per file: the team's edits are kept, " +
            "merged, or left between conflict markers, never dropped. Running it again for the same version refreshes this request.\n");

        var conflicts = plan.Conflicts.ToList();
        if (conflicts.Count > 0)
        {
            text.Append("\n### Conflicts left for a person\n\n");
            text.Append("> **This request needs a person.** Each file below holds `<<<<<<<`, `|||||||`, `=======` and `>>>>>>>` lines: " +
                "keep the lines you want, delete the marker lines, and push to this branch. `kafka-templates validate` reports any left (KT1007).\n\n");
            foreach (var c in conflicts)
                text.Append("- `").Append(c.Path).Append("` (").Append(c.Conflicts).Append(c.Conflicts == 1 ? " conflict" : " conflicts").Append(")\n");
        }
        Section(text, "Files updated", plan.Files.Where(f => f.Status is FileStatus.TemplateChange or FileStatus.AddedByTemplate or FileStatus.RemovedByTemplate),
            f => f.Status switch { FileStatus.AddedByTemplate => " (added)", FileStatus.RemovedByTemplate => " (removed)", _ => "" });
        Section(text, "Files merged (the team's edits kept)", plan.Files.Where(f => f.Status == FileStatus.MergedCleanly), _ => "");
        if (plan.Moves.Count > 0)
        {
            text.Append("\n### Files moved\n\n");
            foreach (var move in plan.Moves) text.Append("- `").Append(move.From).Append("` → `").Append(move.To).Append("`\n");
        }
        Section(text, "Files kept as the team has them", plan.Files.Where(f => f.Status is FileStatus.RemovedByTemplateKeptLocal or FileStatus.DeletedLocally),
            f => " (" + f.Status.Describe() + ")");

        var added = plan.Target.Parameters.Definitions.Where(d => plan.Base.Parameters.Find(d.Name) is null).ToList();
        if (added.Count > 0)
        {
            text.Append("\n### New parameters\n\n");
            foreach (var parameter in added)
            {
                var value = parameter.IsSecret ? "a secret, not recorded"
                    : plan.TargetAnswers.Answers[parameter.Name] is { } answer ? "`" + answer.ToJsonString() + "`"
                    : "no answer";
                text.Append("- `").Append(parameter.Name).Append("`: ").Append(value).Append('\n');
            }
        }
        var notes = plan.Notes.Where(n => !n.StartsWith("new parameter ", StringComparison.Ordinal)).ToList();
        if (notes.Count > 0)
        {
            text.Append("\n### Migration notes\n\n");
            foreach (var note in notes) text.Append("- ").Append(note).Append('\n');
        }
        if (text.Length <= MaxDescription) return text.ToString();
        return text.ToString(0, MaxDescription) + "\n\n… the plan is longer than a request's description may be; run `kafka-templates diff` on the branch for all of it.\n";
    }

    private static void Section(StringBuilder text, string title, IEnumerable<FileOutcome> files, Func<FileOutcome, string> suffix)
    {
        var list = files.ToList();
        if (list.Count == 0) return;
        text.Append("\n### ").Append(title).Append("\n\n");
        foreach (var f in list) text.Append("- `").Append(f.Path).Append('`').Append(suffix(f)).Append('\n');
    }
}
