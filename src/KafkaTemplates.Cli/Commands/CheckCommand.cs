using System.Text.Json.Nodes;
using KafkaTemplates.Cli.Infrastructure;
using KafkaTemplates.UseCases.Upgrade;
using Spectre.Console;
using Spectre.Console.Cli;

namespace KafkaTemplates.Cli.Commands;

/// <summary><c>kafka-templates check</c>: exit 1 when a repo is behind the newest template version (for CI).</summary>
internal sealed class CheckCommand(CliConsoles consoles, CliEnvironment environment, CheckRepos check) : Command<CheckCommand.Settings>
{
    public sealed class Settings : RepoListSettings;

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var repos = RepoArguments.Expand(settings.Repos, environment);
        foreach (var repo in repos) consoles.RecoverFolder(repo);
        var rows = check.Run(repos, cancellationToken);
        string Display(string repo) => Path.GetRelativePath(environment.WorkingDirectory, repo);
        string Status(RepoStanding r) => r.Error is not null ? "error" : r.Unresolved.Count > 0 ? "conflicts" : r.Behind ? "behind" : "up to date";
        if (settings.Format == "json")
        {
            consoles.WriteRaw(new JsonArray(rows.Select(r => (JsonNode)new JsonObject
            {
                ["repo"] = Display(r.Repo), ["currentVersion"] = r.Current?.ToString(), ["newestVersion"] = r.Newest?.ToString(), ["status"] = Status(r),
                ["error"] = r.Error is null ? null : consoles.Flags(r.Error.Message),
                ["unresolved"] = new JsonArray([.. r.Unresolved.Select(u => (JsonNode)u.Path)]),
            }).ToArray()).ToJsonString(JsonFormatting.Indented) + "\n");
        }
        else
        {
            var table = new Table().Border(TableBorder.Simple).AddColumns("Repo", "Current", "Newest", "Status");
            foreach (var r in rows)
                table.AddRow(Markup.Escape(Display(r.Repo)), r.Current?.ToString() ?? "-", r.Newest?.ToString() ?? "-",
                    r.Error is not null ? $"[red]{Markup.Escape(consoles.Flags(r.Error.Message))}[/]"
                    : r.Unresolved.Count > 0 ? $"[red]unresolved conflicts ({r.Unresolved.Count} files)[/]"
                    : r.Behind ? "[yellow]behind[/]" : "[green]up to date[/]");
            consoles.Out.Write(table);
            var behind = rows.Count(r => Status(r) == "behind");
            if (behind > 0) consoles.Error.MarkupLineInterpolated($"{behind} of {rows.Count} repos are behind; run 'kafka-templates upgrade <repo>' to take the new version.");
            foreach (var r in rows)
                foreach (var u in r.Unresolved) consoles.Error.MarkupLineInterpolated($"{Display(r.Repo)}: unresolved conflict in {u}; resolve it and commit");
        }
        if (rows.Any(r => r.Error is not null)) return ExitCodes.BadInput;
        return rows.Any(r => Status(r) is "behind" or "conflicts") ? ExitCodes.Problems : ExitCodes.Success;
    }
}
