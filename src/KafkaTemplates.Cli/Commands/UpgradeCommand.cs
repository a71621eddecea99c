using System.ComponentModel;
using KafkaTemplates.Cli.Infrastructure;
using KafkaTemplates.Upgrades.Merging;
using KafkaTemplates.Upgrades.Planning;
using KafkaTemplates.UseCases.Upgrade;
using Spectre.Console;
using Spectre.Console.Cli;

namespace KafkaTemplates.Cli.Commands;

/// <summary>
/// <c>kafka-templates upgrade</c>: takes a new template version into a repo with a three-way merge per file. The
/// team's edits are kept, merged, or left between conflict markers; never dropped. All changes or none are written.
/// </summary>
internal sealed class UpgradeCommand(CliConsoles consoles, CliEnvironment environment, UpgradeRepo upgrade) : AsyncCommand<UpgradeCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "<DIR>")]
        [Description("The repo to upgrade (a folder with .kafka-templates.yaml).")]
        public string Repo { get; init; } = "";

        [CommandOption("--to <TARGET>")]
        [Description("A version (1.4.0), a template folder, or git+URL@tag. Default: the newest version of the repo's source.")]
        public string? To { get; init; }

        [CommandOption("--from <SOURCE>")]
        [Description("Where to find the repo's recorded version when its recorded source cannot give it (folder or git+URL@tag).")]
        public string? From { get; init; }

        [CommandOption("--set <KEY=VALUE>")]
        [Description("Answers to change, or to give new parameters (which otherwise take their defaults).")]
        public string[] Set { get; init; } = [];

        [CommandOption("--dry-run")]
        [Description("Show what would change and exit as the upgrade would; write nothing.")]
        public bool DryRun { get; init; }

        [CommandOption("--conflict <STYLE>")]
        [Description("inline (default): conflict markers in the file. rej: leave the file as it is and write the template's change to <file>.rej.")]
        [DefaultValue("inline")]
        public string Conflict { get; init; } = "inline";

        [CommandOption("--allow-dirty")]
        [Description("Upgrade even when the git working tree has uncommitted changes.")]
        public bool AllowDirty { get; init; }

        public override ValidationResult Validate() =>
            Conflict is "inline" or "rej" ? ValidationResult.Success() : ValidationResult.Error($"--conflict must be inline or rej, not '{Conflict}'");
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var repo = environment.ResolvePath(settings.Repo);
        consoles.RecoverFolder(repo);
        var (plan, written) = await upgrade.RunAsync(new UpgradeRepoRequest
        {
            Plan = new UpgradeRequest
            {
                RepoDirectory = repo,
                To = settings.To is null ? null : SetArguments.ResolveSource(settings.To, environment),
                From = settings.From is null ? null : SetArguments.ResolveSource(settings.From, environment),
                Set = SetArguments.Parse(settings.Set),
                ConflictStyle = settings.Conflict == "rej" ? ConflictStyle.Rej : ConflictStyle.Inline,
            },
            DryRun = settings.DryRun,
            AllowDirty = settings.AllowDirty,
        }, cancellationToken);

        PlanOutput.Files(consoles.Out, plan, includeUnchanged: false);
        if (plan.Unresolved.Count > 0)
        {
            consoles.Problem(plan.UnresolvedSummary + ". Nothing was written.");
            return ExitCodes.Problems;
        }
        if (!plan.ChangesAnything)
        {
            consoles.Error.MarkupLineInterpolated($"Already at {plan.Target.Id} {plan.Target.Version}; nothing to change.");
            return ExitCodes.Success;
        }
        if (settings.DryRun) consoles.Error.MarkupLine("Dry run: nothing was written.");
        else consoles.Error.MarkupLineInterpolated($"Upgraded to {plan.Target.Id} {plan.Target.Version}: {written} files written.");

        var conflicts = plan.Conflicts.ToList();
        if (conflicts.Count == 0) return ExitCodes.Success;
        consoles.Error.MarkupLineInterpolated($"[red]{conflicts.Count} {(conflicts.Count == 1 ? "file needs" : "files need")} a person:[/]");
        foreach (var c in conflicts)
            consoles.Error.MarkupLineInterpolated($"  {c.Path}{(c.Extra.Count > 0 ? " (see " + string.Join(", ", c.Extra.Select(e => e.Path)) + ")" : $" ({c.Conflicts} conflict markers)")}");
        return ExitCodes.Problems;
    }
}
