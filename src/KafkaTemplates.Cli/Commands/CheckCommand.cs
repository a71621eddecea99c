using System.Collections.Concurrent;
using System.ComponentModel;
using System.Text.Json.Nodes;
using KafkaTemplates.Cli.Infrastructure;
using KafkaTemplates.Upgrades.Planning;
using Spectre.Console;
using Spectre.Console.Cli;

namespace KafkaTemplates.Cli.Commands;

/// <summary><c>kafka-templates check</c>: exit 1 when a repo is behind the newest template version (for CI).</summary>
public sealed class CheckCommand(CliConsoles consoles, CliEnvironment environment, UpgradeServices upgrades) : Command<CheckCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "<DIR>")]
        [Description("Repos to check: folders, or globs such as repos/*.")]
        public string[] Repos { get; init; } = [];

        [CommandOption("--format <FORMAT>")]
        [Description("text (default) or json.")]
        [DefaultValue("text")]
        public string Format { get; init; } = "text";

        public override ValidationResult Validate() =>
            Format is "text" or "json" ? ValidationResult.Success() : ValidationResult.Error($"--format must be text or json, not '{Format}'");
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var repos = RepoArguments.Expand(settings.Repos, environment);
        var rows = new ConcurrentDictionary<string, FleetRow>();
        Parallel.ForEach(repos, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancellationToken }, repo =>
        {
            var display = Path.GetRelativePath(environment.WorkingDirectory, repo);
            try
            {
                consoles.RecoverFolder(repo);
                var answers = Upgrader.ReadAnswers(repo);
                var newest = upgrades.Versions.Newest(answers.Template, answers.Source, repo);
                var behind = answers.Version < newest;
                var unresolved = KafkaTemplates.Engine.FileSets.ConflictMarkers.InFolder(repo);
                rows[repo] = new FleetRow(display, answers.Version.ToString(), newest.ToString(), null, unresolved.Count,
                    unresolved.Count > 0 ? "conflicts" : behind ? "behind" : "up to date", null, unresolved);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                rows[repo] = new FleetRow(display, null, null, null, null, "error", e.Message);
            }
        });
        var ordered = repos.Select(r => rows[r]).ToList();
        if (settings.Format == "json")
        {
            consoles.WriteRaw(new JsonArray(ordered.Select(r => (JsonNode)new JsonObject
            {
                ["repo"] = r.Repo, ["currentVersion"] = r.Current, ["newestVersion"] = r.Target, ["status"] = r.Status, ["error"] = r.Error,
                ["unresolved"] = new JsonArray([.. (r.Unresolved ?? []).Select(u => (JsonNode)u.Path)]),
            }).ToArray()).ToJsonString(JsonFormatting.Indented) + "\n");
        }
        else
        {
            var table = new Table().Border(TableBorder.Simple).AddColumns("Repo", "Current", "Newest", "Status");
            foreach (var r in ordered)
                table.AddRow(Markup.Escape(r.Repo), r.Current ?? "-", r.Target ?? "-",
                    r.Error is not null ? $"[red]{Markup.Escape(r.Error)}[/]" : r.Status == "conflicts" ? $"[red]unresolved conflicts ({r.Conflicts} files)[/]"
                    : r.Status == "behind" ? "[yellow]behind[/]" : "[green]up to date[/]");
            consoles.Out.Write(table);
            var behind = ordered.Count(r => r.Status == "behind");
            if (behind > 0) consoles.Error.MarkupLineInterpolated($"{behind} of {ordered.Count} repos are behind; run 'kafka-templates upgrade <repo>' to take the new version.");
            foreach (var r in ordered.Where(r => r.Unresolved is { Count: > 0 }))
                foreach (var u in r.Unresolved!) consoles.Error.MarkupLineInterpolated($"{r.Repo}: unresolved conflict in {u}; resolve it and commit");
        }
        if (ordered.Any(r => r.Error is not null)) return ExitCodes.BadInput;
        return ordered.Any(r => r.Status is "behind" or "conflicts") ? ExitCodes.Problems : ExitCodes.Success;
    }
}
