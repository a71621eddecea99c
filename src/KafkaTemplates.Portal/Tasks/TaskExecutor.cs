using System.Text.Json.Nodes;
using KafkaTemplates.Engine.FileSets;
using KafkaTemplates.Engine.Rendering;
using KafkaTemplates.Engine.Steps;
using KafkaTemplates.Engine.Writing;
using KafkaTemplates.Portal.Hosting;
using KafkaTemplates.Portal.Scaffolding;
using KafkaTemplates.Validation;
using Microsoft.Extensions.Logging;

namespace KafkaTemplates.Portal.Tasks;

/// <summary>
/// Runs one task: render with the engine, write the repo into the data folder in one move, validate it, and end the
/// task with exactly one completion event, whatever happens. Every line is stored as it comes, masked for secrets.
/// </summary>
internal sealed partial class TaskExecutor(TaskStore store, TaskEventHub hub, PortalScaffolder scaffolder, DataFolder data,
    PortalOptions options, ILogger<TaskExecutor> logger)
{
    public const string StoppedWhileRunning = "the server stopped while the task ran";
    public const string StoppedBeforeRunning = "the server stopped before the task ran; its secrets were kept only in memory, so create the task again";

    public async Task RunAsync(PendingTask task, CancellationToken cancel, CancellationToken shutdown)
    {
        var id = task.Id;
        var log = new RunLog(body => Emit(id, body), task.Answers.SecretValues);
        var repo = data.RepoFolder(id);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancel, shutdown);
        var token = linked.Token;
        try
        {
            log.Note($"Starting up task with {task.Template.Steps.Count} steps");
            var result = await scaffolder.RenderAsync(task.Template, task.Answers, log, token);
            log.Finish(result.Steps);
            token.ThrowIfCancellationRequested();
            AtomicDirectoryWriter.Write(result.Files, repo);
            log.Note($"Wrote the repo: {result.Files.Count} files");
            // `new` honours the template's install switch with the user's kubeconfig; a shared portal has none to use.
            if (task.Answers["install"] is JsonValue install && install.TryGetValue<bool>(out var wanted) && wanted)
                log.Note("install is true, but the portal installs nothing (it has no access to your cluster): run `kafka-templates install . --create-namespace --wait` in the downloaded repo");

            var output = (JsonObject)result.Output.DeepClone();
            if (options.ValidateRepos) Append(output, "text", new JsonObject { ["title"] = "Validation", ["content"] = await ValidateAsync(repo, log, token) });
            Append(output, "links", new JsonObject
            {
                ["title"] = "Download the repo (zip)",
                ["url"] = $"/api/scaffolder/v2/tasks/{id:D}/download",
                ["icon"] = "download",
            });
            Finish(id, TaskStates.Completed, new JsonObject { ["message"] = "Run completed with status: completed", ["output"] = output });
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            DataFolder.TryDelete(repo);
            var step = log.CurrentStep;
            var cancelled = new JsonObject { ["message"] = step is null ? "The task has been cancelled." : $"Step {step} has been cancelled." };
            if (step is not null)
            {
                cancelled["stepId"] = step;
                cancelled["status"] = TaskStates.Cancelled;
            }
            Finish(id, TaskStates.Cancelled, new JsonObject { ["message"] = "Run completed with status: cancelled" }, (TaskEventType.Cancelled, cancelled));
        }
        catch (OperationCanceledException) when (shutdown.IsCancellationRequested)
        {
            DataFolder.TryDelete(repo);
            Fail(id, log, StoppedWhileRunning);
        }
        catch (Exception e) when (e is ScaffoldException or RenderException or UnsafePathException or IOException or UnauthorizedAccessException)
        {
            DataFolder.TryDelete(repo);
            Fail(id, log, log.Redact(e.Message));
        }
#pragma warning disable CA1031 // A task must end with a completion event whatever went wrong; the failure is reported in it.
        catch (Exception e)
#pragma warning restore CA1031
        {
            DataFolder.TryDelete(repo);
            var message = $"internal error: {e.GetType().Name}: {log.Redact(e.Message)}";
            LogInternalError(logger, id, message);
            Fail(id, log, message);
        }
    }

    /// <summary>The whole validation, as `new` runs it; its findings go to the log, its summary to the output.</summary>
    private async Task<string> ValidateAsync(string repo, RunLog log, CancellationToken token)
    {
        const string step = "validate";
        log.Note("Validating the repo", step, "processing");
        ValidationReport report;
        try
        {
            report = await scaffolder.ValidateAsync(repo, token);
        }
        catch (InvalidRepoException e)
        {
            log.Note($"Validation could not run: {e.Message}", step, "failed");
            return "validation could not run: " + log.Redact(e.Message);
        }
        foreach (var line in RepoDiagnostics.Lines(report)) log.Note(line, step);
        var summary = RepoDiagnostics.Summary(report);
        log.Note($"Validation: {summary}", step, report.HasErrors ? "failed" : "completed");
        return summary;
    }

    private void Fail(Guid id, RunLog log, string reason)
    {
        log.Fail(reason);
        Finish(id, TaskStates.Failed, new JsonObject
        {
            ["message"] = "Run completed with status: failed",
            ["error"] = new JsonObject { ["name"] = "Error", ["message"] = reason },
        });
    }

    private void Emit(Guid id, JsonObject body)
    {
        store.AppendLog(id, body);
        hub.Notify(id);
    }

    private void Finish(Guid id, string status, JsonObject completion, (string, JsonObject)? before = null)
    {
        if (store.Finish(id, status, completion, before)) hub.Notify(id, finished: true);
    }

    private static void Append(JsonObject output, string list, JsonObject item)
    {
        if (output[list] is not JsonArray array) output[list] = array = [];
        array.Add(item);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "task {TaskId} failed: {Message}")]
    private static partial void LogInternalError(ILogger logger, Guid taskId, string message);
}
