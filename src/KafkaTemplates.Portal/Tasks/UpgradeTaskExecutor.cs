using System.Text.Json.Nodes;
using KafkaTemplates.Portal.Scaffolding;
using KafkaTemplates.UseCases.Upgrade.PullRequests;
using Microsoft.Extensions.Logging;

namespace KafkaTemplates.Portal.Tasks;

/// <summary>
/// Runs a fleet of upgrade requests with the same use case as <c>kafka-templates upgrade --pull-request</c>, with the
/// portal's own host tokens, and tells it as task events: each repository is a step that goes processing, then
/// completed or failed with its line, and the completion's output lists every repository with its request. The task
/// fails when any repository failed (the others still ran); it ends with exactly one completion event.
/// </summary>
internal sealed partial class UpgradeTaskExecutor(TaskEvents events, UpgradePullRequests fleet, ILogger<UpgradeTaskExecutor> logger)
{
    public async Task RunAsync(PendingUpgradeTask task, CancellationToken cancel, CancellationToken shutdown)
    {
        var id = task.Id;
        var log = new RunLog(body => events.Append(id, body), []);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancel, shutdown);
        try
        {
            var repos = fleet.Resolve(task.Request).Select(r => r.Display).ToList();
            log.Note($"Starting up task with {repos.Count} repositories, {task.Request.Parallel} at a time");
            var results = await fleet.RunAsync(task.Request, new Observer(log, repos), linked.Token);
            var output = Output(results);
            var failed = results.Where(r => r.Outcome == UpgradeRequestOutcome.Failed).ToList();
            if (failed.Count == 0)
            {
                events.Finish(id, TaskStates.Completed, TaskEvents.Completed(output));
                return;
            }
            var reason = $"{failed.Count} of {results.Count} repositories failed ({string.Join("; ", failed.Take(3).Select(f => $"{f.Repo}: {f.Error}"))}{(failed.Count > 3 ? "; ..." : "")}); the others ran";
            log.Note(reason);
            events.Finish(id, TaskStates.Failed, TaskEvents.Failed(log.Redact(reason), output));
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            events.Finish(id, TaskStates.Cancelled, TaskEvents.Cancelled(),
                (TaskEventType.Cancelled, new JsonObject { ["message"] = "The task has been cancelled." }));
        }
        catch (OperationCanceledException) when (shutdown.IsCancellationRequested)
        {
            events.Fail(id, log, TaskExecutor.StoppedWhileRunning);
        }
#pragma warning disable CA1031 // A task must end with a completion event whatever went wrong; the failure is reported in it.
        catch (Exception e)
#pragma warning restore CA1031
        {
            var message = e is Upgrades.UpgradeException ? log.Redact(e.Message) : $"internal error: {e.GetType().Name}: {log.Redact(e.Message)}";
            if (e is not Upgrades.UpgradeException) LogInternalError(logger, id, message);
            events.Fail(id, log, message);
        }
    }

    /// <summary>Backstage's output: a link per request, a summary, and every repository's row for scripts.</summary>
    private static JsonObject Output(IReadOnlyList<UpgradeRequestResult> results) => new()
    {
        ["links"] = new JsonArray([.. results.Where(r => r.RequestUrl is not null).Select(r => (JsonNode)new JsonObject
        {
            ["title"] = $"{r.Repo}: {(r.NeedsPerson ? "needs a person" : r.Outcome == UpgradeRequestOutcome.Opened ? "opened" : "updated")}",
            ["url"] = r.RequestUrl,
        })]),
        ["text"] = new JsonArray(new JsonObject
        {
            ["title"] = "Upgrade requests",
            ["content"] = string.Join(", ", results.GroupBy(r => r.Outcome).Select(g => $"{g.Count()} {Word(g.Key)}")),
        }),
        ["repos"] = new JsonArray([.. results.Select(r => (JsonNode)new JsonObject
        {
            ["repo"] = r.Repo,
            ["status"] = Word(r.Outcome),
            ["template"] = r.Template,
            ["from"] = r.From,
            ["to"] = r.To,
            ["branch"] = r.Branch,
            ["commit"] = r.Commit,
            ["request"] = r.RequestUrl,
            ["needsPerson"] = r.NeedsPerson,
            ["conflicts"] = new JsonArray([.. r.Conflicts.Select(c => (JsonNode?)c)]),
            ["error"] = r.Error,
        })]),
    };

    private static string Word(UpgradeRequestOutcome outcome) => outcome switch
    {
        UpgradeRequestOutcome.UpToDate => "up to date",
        UpgradeRequestOutcome.Opened => "opened",
        UpgradeRequestOutcome.Updated => "updated",
        UpgradeRequestOutcome.KeptPersonsCommits => "kept a person's commits",
        _ => "failed",
    };

    /// <summary>Each repository is a step: processing once cloned, then completed or failed with its line.</summary>
    private sealed class Observer(RunLog log, IReadOnlyList<string> repos) : IUpgradePullRequestsObserver
    {
        private string Step(string repo) => UpgradeTasks.StepId(Math.Max(0, IndexOf(repo)));

        private int IndexOf(string repo)
        {
            for (var i = 0; i < repos.Count; i++) if (repos[i] == repo) return i;
            return -1;
        }

        public void Log(string repo, string message) => log.Note(message, Step(repo));

        public void Cloned(string repo, string folder) => log.Note($"Cloned {repo}", Step(repo), TaskStates.Processing);

        public void Finished(UpgradeRequestResult r)
        {
            var line = r.Outcome switch
            {
                UpgradeRequestOutcome.Failed => $"{r.Repo} failed: {r.Error}",
                UpgradeRequestOutcome.UpToDate => $"{r.Repo} is up to date ({r.Template} {r.To}); nothing to do",
                _ => $"{r.Repo}: {Word(r.Outcome)} {r.RequestUrl} ({r.Template} {r.From} -> {r.To})" +
                    (r.NeedsPerson ? $"; needs a person: conflicts in {string.Join(", ", r.Conflicts)}" : ""),
            };
            log.Note(line, Step(r.Repo), r.Outcome == UpgradeRequestOutcome.Failed ? TaskStates.Failed : TaskStates.Completed);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "upgrade task {TaskId} failed: {Message}")]
    private static partial void LogInternalError(ILogger logger, Guid taskId, string message);
}
