using System.Collections.Concurrent;
using System.ComponentModel;
using System.Text.Json.Nodes;
using KafkaTemplates.Cli.Infrastructure;
using KafkaTemplates.Upgrades.Planning;
using Spectre.Console;
using Spectre.Console.Cli;

namespace KafkaTemplates.Cli.Commands;

/// <summary>
/// <c>kafka-templates diff</c>: what upgrading would do, without doing it. For one repo: every file's status and the
/// template's own changes as a unified diff. For many (arguments or globs, in parallel): a summary table.
/// </summary>
public sealed class DiffCommand(CliConsoles consoles, CliEnvironment environment, UpgradeServices upgrades) : AsyncCommand<DiffCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "<DIR>")]
        [Description("Repos to compare: folders, or globs such as repos/* (quote globs so the shell leaves them alone).")]
        public string[] Repos { get; init; } = [];

        [CommandOption("--to <TARGET>")]
        [Description("A version (1.4.0), a template folder, or git+URL@tag. Default: the newest version of each repo's source.")]
        public string? To { get; init; }

        [CommandOption("--from <SOURCE>")]
        [Description("Where to find each repo's recorded version when its recorded source cannot give it (folder or git+URL@tag).")]
        public string? From { get; init; }

        [CommandOption("--set <KEY=VALUE>")]
        [Description("Answers to change or add for the target version.")]
        public string[] Set { get; init; } = [];

        [CommandOption("--format <FORMAT>")]
        [Description("text (default) or json.")]
        [DefaultValue("text")]
        public string Format { get; init; } = "text";

        public override ValidationResult Validate() =>
            Format is "text" or "json" ? ValidationResult.Success() : ValidationResult.Error($"--format must be text or json, not '{Format}'");
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var repos = RepoArguments.Expand(settings.Repos, environment);
        var sets = SetArguments.Parse(settings.Set);
        var results = new ConcurrentDictionary<string, (UpgradePlan? Plan, Exception? Error)>();
        var single = repos.Count == 1;
        await Parallel.ForEachAsync(repos, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancellationToken }, async (repo, ct) =>
        {
            try
            {
                consoles.RecoverFolder(repo);
                var plan = await upgrades.Upgrader.PlanAsync(new UpgradeRequest
                {
                    RepoDirectory = repo, To = settings.To is null ? null : ResolveTo(settings.To), From = settings.From is null ? null : ResolveTo(settings.From),
                    Set = sets, WithDiffs = single || settings.Format == "json",
                }, ct);
                results[repo] = (plan, null);
            }
            catch (Exception e) when (e is not OperationCanceledException && single is false)
            {
                results[repo] = (null, e);
            }
        });

        var ordered = repos.Select(r => (Repo: r, Result: results[r])).ToList();
        if (settings.Format == "json")
        {
            var array = new JsonArray(ordered.Select(r => (JsonNode)(r.Result.Plan is { } p ? PlanOutput.Json(p) : new JsonObject { ["repo"] = r.Repo, ["error"] = r.Result.Error!.Message })).ToArray());
            consoles.WriteRaw(array.ToJsonString(JsonFormatting.Indented) + "\n");
        }
        else if (single)
        {
            var plan = ordered[0].Result.Plan!;
            PlanOutput.Files(consoles.Out, plan, includeUnchanged: true);
            PlanOutput.Diffs(consoles.Out, plan);
        }
        else
        {
            PlanOutput.Summary(consoles.Out, ordered.Select(r => r.Result.Plan is { } p
                ? new FleetRow(Display(r.Repo), p.Base.Version.ToString(), p.Target.Version.ToString(), p.CleanChanges, p.Conflicts.Count(),
                    p.Unresolved.Count > 0 ? $"unresolved conflicts ({p.Unresolved.Count} files)" : p.ChangesAnything ? "changes" : "up to date")
                : new FleetRow(Display(r.Repo), null, null, null, null, "error", r.Result.Error!.Message)));
        }
        if (ordered.Any(r => r.Result.Error is not null)) return ExitCodes.BadInput;
        return ordered.Any(r => r.Result.Plan?.Unresolved.Count > 0) ? ExitCodes.Problems : ExitCodes.Success;
    }

    private string ResolveTo(string to) => SetArguments.ResolveSource(to, environment);

    private string Display(string repo) => Path.GetRelativePath(environment.WorkingDirectory, repo);
}
