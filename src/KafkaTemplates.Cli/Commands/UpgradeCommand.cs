using System.ComponentModel;
using KafkaTemplates.Cli.Infrastructure;
using KafkaTemplates.Upgrades.Merging;
using KafkaTemplates.Upgrades.Planning;
using KafkaTemplates.UseCases;
using KafkaTemplates.UseCases.Upgrade;
using KafkaTemplates.UseCases.Upgrade.PullRequests;
using Spectre.Console;
using Spectre.Console.Cli;

namespace KafkaTemplates.Cli.Commands;

/// <summary>
/// <c>kafka-templates upgrade</c>: takes a new template version into a repo with a three-way merge per file. The
/// team's edits are kept, merged, or left between conflict markers; never dropped. All changes or none are written.
/// </summary>
internal sealed class UpgradeCommand(CliConsoles consoles, CliEnvironment environment, UpgradeRepo upgrade, UseCaseContext useCases) : AsyncCommand<UpgradeCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "[REPO]")]
        [Description("The repo to upgrade (a folder with .kafka-templates.yaml). With --pull-request: repository URLs (https://github.com/acme/payments-kafka) or repoUrls (github.com?owner=acme&repo=payments-kafka).")]
        public string[] Repos { get; init; } = [];

        /// <summary>The one folder of a local upgrade.</summary>
        public string Repo => Repos.Length > 0 ? Repos[0] : "";

        [CommandOption("--pull-request")]
        [Description("Upgrade repositories on GitHub or GitLab: clone each, upgrade, push kafka-templates/<template>-<version> and open (or refresh) a pull or merge request whose description is the plan. Tokens: GITHUB_TOKEN, GITLAB_TOKEN.")]
        public bool PullRequest { get; init; }

        [CommandOption("--repos <FILE>")]
        [Description("With --pull-request: a file of repository URLs, one a line (blank lines and # comments are skipped).")]
        public string? ReposFile { get; init; }

        [CommandOption("--parallel <N>")]
        [Description("With --pull-request: repositories worked on at once, and the most clones on disk at once (default 4).")]
        public int? Parallel { get; init; }

        [CommandOption("--work-dir <DIR>")]
        [Description("With --pull-request: where clones are made (each is deleted when its repository is done). Default: the system's temp folder.")]
        public string? WorkDir { get; init; }

        [CommandOption("--to <TARGET>")]
        [Description("A version (1.4.0), a template folder, or git+URL@tag (with --pull-request: a version or git+URL@tag). Default: the newest version of the repo's source.")]
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

        public override ValidationResult Validate()
        {
            if (Conflict is not ("inline" or "rej")) return ValidationResult.Error($"--conflict must be inline or rej, not '{Conflict}'");
            if (!PullRequest)
            {
                var fleetOnly = new[] { ("--repos", ReposFile is not null), ("--parallel", Parallel is not null), ("--work-dir", WorkDir is not null) }.FirstOrDefault(f => f.Item2).Item1;
                if (fleetOnly is not null) return ValidationResult.Error($"{fleetOnly} goes with --pull-request; add it to upgrade repositories on their hosts");
                return Repos.Length == 1 ? ValidationResult.Success()
                    : ValidationResult.Error(Repos.Length == 0 ? "give the repo folder to upgrade: kafka-templates upgrade <DIR>"
                        : $"upgrade takes one repo folder, not {Repos.Length}; to upgrade many repositories on their hosts, add --pull-request");
            }
            var local = new[] { ("--dry-run", DryRun), ("--allow-dirty", AllowDirty), ("--from", From is not null), ("--conflict rej", Conflict == "rej") }.FirstOrDefault(f => f.Item2).Item1;
            if (local is not null) return ValidationResult.Error($"{local} is not taken with --pull-request: each repository is a fresh clone, and its conflicts are committed with their markers for a person to resolve in the request");
            if (Parallel is < 1 or > UpgradePullRequestsRequest.MaxParallel) return ValidationResult.Error($"--parallel must be from 1 to {UpgradePullRequestsRequest.MaxParallel}, not {Parallel}");
            return Repos.Length > 0 || ReposFile is not null ? ValidationResult.Success()
                : ValidationResult.Error("give the repositories to upgrade: URLs as arguments, or --repos <FILE> with one a line");
        }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        if (settings.PullRequest) return await UpgradePullRequestsOutput.RunAsync(consoles, environment, useCases, settings, cancellationToken);
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
