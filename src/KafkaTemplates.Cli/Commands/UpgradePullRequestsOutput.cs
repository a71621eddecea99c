using KafkaTemplates.Cli.Infrastructure;
using KafkaTemplates.Engine.Yaml;
using KafkaTemplates.UseCases;
using KafkaTemplates.UseCases.Upgrade.PullRequests;
using Spectre.Console;

namespace KafkaTemplates.Cli.Commands;

/// <summary>
/// <c>kafka-templates upgrade --pull-request</c>: binds the repositories (arguments and a --repos file), the target and
/// the bound to the fleet use case, prints one line per repository as it finishes and a table at the end. Exit 1 when
/// any repository failed; a request that needs a person is not a failure, it is how the conflicts reach one.
/// </summary>
internal static class UpgradePullRequestsOutput
{
    public static async Task<int> RunAsync(CliConsoles consoles, CliEnvironment environment, UseCaseContext useCases, UpgradeCommand.Settings settings,
        CancellationToken cancellationToken)
    {
        var publishing = PublishingEnvironment.Read(environment);
        var request = new UpgradePullRequestsRequest
        {
            Repos = [.. settings.Repos, .. ReadList(settings.ReposFile, environment)],
            To = settings.To,
            Set = SetArguments.Parse(settings.Set),
            Parallel = settings.Parallel ?? UpgradePullRequestsRequest.DefaultParallel,
            WorkRoot = settings.WorkDir is null ? null : environment.ResolvePath(settings.WorkDir),
        };
        if (request.WorkRoot is { } work && !Directory.Exists(work))
            throw new UsageException($"--work-dir: the folder '{settings.WorkDir}' does not exist");

        var fleet = new UpgradePullRequests(useCases, publishing);
        var observer = new LineObserver(consoles);
        var results = await fleet.RunAsync(request, observer, cancellationToken);

        var table = new Table().Border(TableBorder.Simple).AddColumns("Repo", "Template", "From", "To", "Status", "Request");
        foreach (var r in results)
            table.AddRow(Markup.Escape(r.Repo), Markup.Escape(r.Template ?? "-"), r.From ?? "-", r.To ?? "-", Status(r, markup: true),
                Markup.Escape(r.RequestUrl ?? (r.Error is null ? "-" : consoles.Flags(r.Error))));
        consoles.Out.Write(table);
        var counts = results.GroupBy(r => Status(r, markup: false)).Select(g => $"{g.Count()} {g.Key}");
        var failed = results.Count(r => r.Outcome == UpgradeRequestOutcome.Failed);
        consoles.Error.MarkupLineInterpolated($"{results.Count} repositories: {string.Join(", ", counts)}.");
        if (failed > 0) consoles.Error.MarkupLineInterpolated($"[red]{failed} failed[/]; the others went on. Fix what each line says, then run again: requests already open are refreshed, not doubled.");
        return failed > 0 ? ExitCodes.Problems : ExitCodes.Success;
    }

    /// <summary>A --repos file: one repository a line; blank lines and lines starting with # are skipped.</summary>
    private static IEnumerable<string> ReadList(string? file, CliEnvironment environment)
    {
        if (file is null) return [];
        var path = environment.ResolvePath(file);
        if (!File.Exists(path)) throw new UsageException($"--repos: the file '{file}' does not exist");
        try
        {
            return BoundedFile.ReadText(path, file).Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
        }
        catch (InputLimitException e)
        {
            throw new UsageException($"--repos: {e.Message}");
        }
    }

    private static string Status(UpgradeRequestResult r, bool markup) => (r.Outcome, r.NeedsPerson) switch
    {
        (UpgradeRequestOutcome.Failed, _) => markup ? "[red]failed[/]" : "failed",
        (UpgradeRequestOutcome.UpToDate, _) => markup ? "[green]up to date[/]" : "up to date",
        (_, true) => markup ? "[yellow]needs a person[/]" : "needs a person",
        (UpgradeRequestOutcome.Opened, _) => "opened",
        (UpgradeRequestOutcome.Updated, _) => "updated",
        _ => "kept a person's commits",
    };

    /// <summary>One line per repository as it finishes, on standard output; retries and steps on standard error.</summary>
    private sealed class LineObserver(CliConsoles consoles) : IUpgradePullRequestsObserver
    {
        private readonly Lock _lock = new();

        public void Log(string repo, string message)
        {
            lock (_lock) consoles.Error.MarkupLineInterpolated($"[grey]{repo}: {consoles.Flags(message)}[/]");
        }

        public void Finished(UpgradeRequestResult r)
        {
            var versions = r.Template is null ? "" : $" {r.Template} {r.From} -> {r.To}";
            var line = r.Outcome switch
            {
                UpgradeRequestOutcome.Failed => $"failed          {r.Repo}: {consoles.Flags(r.Error ?? "")}",
                UpgradeRequestOutcome.UpToDate => $"up to date      {r.Repo}{versions}",
                _ => $"{(r.Outcome == UpgradeRequestOutcome.Opened ? "opened" : r.Outcome == UpgradeRequestOutcome.Updated ? "updated" : "kept commits"),-15} {r.Repo}{versions}: {r.RequestUrl}" +
                    (r.NeedsPerson ? $" (needs a person: {r.Conflicts.Count} {(r.Conflicts.Count == 1 ? "file" : "files")} with conflicts: {string.Join(", ", r.Conflicts)})" : ""),
            };
            lock (_lock) consoles.Out.WriteLine(line);
        }
    }
}
