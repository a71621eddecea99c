using System.ComponentModel;
using System.Text.Json.Nodes;
using KafkaTemplates.Cli.Infrastructure;
using KafkaTemplates.UseCases.Upgrade;
using Spectre.Console;
using Spectre.Console.Cli;

namespace KafkaTemplates.Cli.Commands;

/// <summary>
/// <c>kafka-templates diff</c>: what upgrading would do, without doing it. For one repo: every file's status and the
/// template's own changes as a unified diff. For many (arguments or globs, in parallel): a summary table.
/// </summary>
internal sealed class DiffCommand(CliConsoles consoles, CliEnvironment environment, DiffRepos diff) : AsyncCommand<DiffCommand.Settings>
{
    public sealed class Settings : RepoListSettings
    {
        [CommandOption("--to <TARGET>")]
        [Description("A version (1.4.0), a template folder, or git+URL@tag. Default: the newest version of each repo's source.")]
        public string? To { get; init; }

        [CommandOption("--from <SOURCE>")]
        [Description("Where to find each repo's recorded version when its recorded source cannot give it (folder or git+URL@tag).")]
        public string? From { get; init; }

        [CommandOption("--set <KEY=VALUE>")]
        [Description("Answers to change or add for the target version.")]
        public string[] Set { get; init; } = [];
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var repos = RepoArguments.Expand(settings.Repos, environment);
        foreach (var repo in repos) consoles.RecoverFolder(repo);
        var plans = await diff.RunAsync(new FleetRequest
        {
            Repos = repos,
            To = settings.To is null ? null : SetArguments.ResolveSource(settings.To, environment),
            From = settings.From is null ? null : SetArguments.ResolveSource(settings.From, environment),
            Set = SetArguments.Parse(settings.Set),
            WithDiffs = settings.Format == "json",
        }, cancellationToken);

        if (settings.Format == "json")
        {
            var array = new JsonArray(plans.Select(r => (JsonNode)(r.Plan is { } p ? PlanOutput.Json(p) : new JsonObject { ["repo"] = r.Repo, ["error"] = consoles.Flags(r.Error!.Message) })).ToArray());
            consoles.WriteRaw(array.ToJsonString(JsonFormatting.Indented) + "\n");
        }
        else if (plans.Count == 1)
        {
            var plan = plans[0].Plan!;
            PlanOutput.Files(consoles.Out, plan, includeUnchanged: true);
            PlanOutput.Diffs(consoles.Out, plan);
        }
        else
        {
            PlanOutput.Summary(consoles.Out, plans.Select(r => r.Plan is { } p
                ? new FleetRow(Display(r.Repo), p.Base.Version.ToString(), p.Target.Version.ToString(), p.CleanChanges, p.Conflicts.Count(),
                    p.Unresolved.Count > 0 ? $"unresolved conflicts ({p.Unresolved.Count} files)" : p.ChangesAnything ? "changes" : "up to date")
                : new FleetRow(Display(r.Repo), null, null, null, null, "error", consoles.Flags(r.Error!.Message))));
        }
        if (plans.Any(r => r.Error is not null)) return ExitCodes.BadInput;
        return plans.Any(r => r.Plan?.Unresolved.Count > 0) ? ExitCodes.Problems : ExitCodes.Success;
    }

    private string Display(string repo) => Path.GetRelativePath(environment.WorkingDirectory, repo);
}
