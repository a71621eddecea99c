using System.Text.Json.Nodes;
using KafkaTemplates.Cli.Infrastructure;
using KafkaTemplates.Upgrades.Merging;
using KafkaTemplates.Upgrades.Planning;
using Spectre.Console;

namespace KafkaTemplates.Cli.Commands;

/// <summary>How diff and upgrade show a plan: statuses per file, the template's own changes, and fleet summaries.</summary>
internal static class PlanOutput
{
    public static void Files(IAnsiConsole console, UpgradePlan plan, bool includeUnchanged)
    {
        console.MarkupLineInterpolated($"[bold]{plan.RepoDirectory}[/]: {plan.Base.Id} {plan.Base.Version} -> {plan.Target.Version}");
        foreach (var note in plan.Notes) console.MarkupLineInterpolated($"  [grey]note:[/] {note}");
        foreach (var conflict in plan.Unresolved) console.MarkupLineInterpolated($"  [red]{"unresolved conflict",-46}[/] {conflict}");
        foreach (var move in plan.Moves) console.MarkupLineInterpolated($"  [blue]moved[/]      {move.From} -> {move.To}");
        foreach (var f in plan.Files.Where(f => includeUnchanged || f.Status != FileStatus.Unchanged))
        {
            var colour = f.Status switch
            {
                FileStatus.Conflict => "red",
                FileStatus.RemovedByTemplateKeptLocal or FileStatus.DeletedLocally or FileStatus.LocalChangeOnly => "yellow",
                FileStatus.Unchanged => "grey",
                _ => "green",
            };
            var extra = f.Extra.Count > 0 ? $" (see {string.Join(", ", f.Extra.Select(e => e.Path))})" : "";
            console.MarkupLine($"  [{colour}]{Markup.Escape(f.Status.Describe()),-46}[/] {Markup.Escape(f.Path)}{Markup.Escape(extra)}");
        }
    }

    public static void Diffs(IAnsiConsole console, UpgradePlan plan)
    {
        foreach (var f in plan.Files.Where(f => f.TemplateDiff is not null))
        {
            console.WriteLine();
            foreach (var line in f.TemplateDiff!.Split('\n'))
            {
                var style = line.StartsWith("+++", StringComparison.Ordinal) || line.StartsWith("---", StringComparison.Ordinal) ? "bold"
                    : line.StartsWith('+') ? "green" : line.StartsWith('-') ? "red" : line.StartsWith("@@", StringComparison.Ordinal) ? "cyan" : null;
                if (style is null) console.WriteLine(line);
                else console.MarkupLine($"[{style}]{Markup.Escape(line)}[/]");
            }
        }
    }

    public static JsonObject Json(UpgradePlan plan) => new()
    {
        ["repo"] = plan.RepoDirectory,
        ["template"] = plan.Base.Id,
        ["currentVersion"] = plan.Base.Version.ToString(),
        ["targetVersion"] = plan.Target.Version.ToString(),
        ["notes"] = new JsonArray(plan.Notes.Select(n => (JsonNode?)n).ToArray()),
        ["moves"] = new JsonArray(plan.Moves.Select(m => (JsonNode)new JsonObject { ["from"] = m.From, ["to"] = m.To }).ToArray()),
        ["files"] = new JsonArray(plan.Files.Select(f => (JsonNode)new JsonObject
        {
            ["path"] = f.Path,
            ["status"] = JsonNamingPolicyName(f.Status),
            ["conflicts"] = f.Conflicts,
            ["templateDiff"] = f.TemplateDiff,
        }).ToArray()),
        ["cleanChanges"] = plan.CleanChanges,
        ["conflicts"] = plan.Conflicts.Count(),
        ["unresolved"] = new JsonArray(plan.Unresolved.Select(u => (JsonNode)new JsonObject
        {
            ["path"] = u.Path,
            ["lines"] = new JsonArray([.. u.Lines.Select(l => (JsonNode)l)]),
            ["rejectFile"] = u.IsRejectFile,
        }).ToArray()),
    };

    public static string JsonNamingPolicyName(FileStatus status) => System.Text.Json.JsonNamingPolicy.KebabCaseLower.ConvertName(status.ToString());

    /// <summary>repo, current version, target version, clean files, conflicts: one row per repo of a fleet.</summary>
    public static void Summary(IAnsiConsole console, IEnumerable<FleetRow> rows)
    {
        var table = new Table().Border(TableBorder.Simple).AddColumns("Repo", "Current", "Target", "Clean files", "Conflicts", "Status");
        foreach (var r in rows)
        {
            table.AddRow(Markup.Escape(r.Repo), r.Current ?? "-", r.Target ?? "-", r.Clean?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-",
                r.Conflicts is > 0 ? $"[red]{r.Conflicts}[/]" : r.Conflicts?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-",
                r.Error is not null ? $"[red]{Markup.Escape(r.Error)}[/]" : Markup.Escape(r.Status));
        }
        console.Write(table);
    }
}

/// <summary>One repo's line in a fleet summary.</summary>
internal sealed record FleetRow(string Repo, string? Current, string? Target, int? Clean, int? Conflicts, string Status, string? Error = null,
    IReadOnlyList<KafkaTemplates.Engine.FileSets.UnresolvedConflict>? Unresolved = null);
