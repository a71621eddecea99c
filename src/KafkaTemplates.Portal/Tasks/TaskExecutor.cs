using System.Text.Json.Nodes;
using KafkaTemplates.Engine.FileSets;
using KafkaTemplates.Engine.Rendering;
using KafkaTemplates.Engine.Steps;
using KafkaTemplates.Portal.Catalog;
using KafkaTemplates.Portal.Hosting;
using KafkaTemplates.Portal.Scaffolding;
using KafkaTemplates.UseCases.Create;
using KafkaTemplates.UseCases.Validate;
using KafkaTemplates.Validation;
using Microsoft.Extensions.Logging;

namespace KafkaTemplates.Portal.Tasks;

/// <summary>
/// Runs one task with the create-repo use case that <c>kafka-templates new</c> runs: render, write the repo into the
/// data folder in one move, validate it; and ends the task with exactly one completion event, whatever happens.
/// Every line is stored as it comes, masked for secrets.
/// </summary>
internal sealed partial class TaskExecutor(ITaskStore store, TaskEvents events, CreateRepo create, PortalCatalog catalog, DataFolder data,
    PortalOptions options, ILogger<TaskExecutor> logger)
{
    public const string StoppedWhileRunning = "the server stopped while the task ran";
    public const string StoppedBeforeRunning = "the server stopped before the task ran; its secrets were kept only in memory, so create the task again";

    public async Task RunAsync(PendingTask task, CancellationToken cancel, CancellationToken shutdown)
    {
        var id = task.Id;
        var log = new RunLog(body => events.Append(id, body), task.Answers.SecretValues);
        var repo = data.RepoFolder(id);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancel, shutdown);
        var token = linked.Token;
        try
        {
            log.Note($"Starting up task with {task.Template.Steps.Count} steps");
            var result = await create.RunAsync(new CreateRepoRequest
            {
                Template = task.Template,
                Answers = task.Answers,
                Target = repo,
                // The repo is downloaded: a path on this server would mean nothing in it.
                RecordSourceRelativeToRepo = false,
                Validation = options.ValidateRepos ? ValidationDepth.Full : null,
                KnownTemplates = catalog.Names,
                // `new` honours the template's install switch with the user's kubeconfig; a shared portal has none to use.
                Install = null,
            }, new TaskObserver(log, task), token);

            var output = (JsonObject)result.Rendered.Output.DeepClone();
            if (options.ValidateRepos && ValidationSummary(result, log) is { } summary)
                Append(output, "text", new JsonObject { ["title"] = "Validation", ["content"] = summary });
            Append(output, "links", new JsonObject
            {
                ["title"] = "Download the repo (zip)",
                ["url"] = $"/api/scaffolder/v2/tasks/{id:D}/download",
                ["icon"] = "download",
            });
            // Every replica serves the download: the archive goes to the shared store before the task says it completed.
            if (store.IsShared && store.Get(id) is { } record) store.SaveArchive(id, RepoArchive.Of(record, FileSet.FromDirectory(repo)));
            events.Finish(id, TaskStates.Completed, TaskEvents.Completed(output));
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
            events.Finish(id, TaskStates.Cancelled, TaskEvents.Cancelled(), (TaskEventType.Cancelled, cancelled));
        }
        catch (OperationCanceledException) when (shutdown.IsCancellationRequested)
        {
            DataFolder.TryDelete(repo);
            events.Fail(id, log, StoppedWhileRunning);
        }
        catch (Exception e) when (e is ScaffoldException or RenderException or UnsafePathException or IOException or UnauthorizedAccessException)
        {
            DataFolder.TryDelete(repo);
            events.Fail(id, log, log.Redact(e.Message));
        }
#pragma warning disable CA1031 // A task must end with a completion event whatever went wrong; the failure is reported in it.
        catch (Exception e)
#pragma warning restore CA1031
        {
            DataFolder.TryDelete(repo);
            var message = $"internal error: {e.GetType().Name}: {log.Redact(e.Message)}";
            LogInternalError(logger, id, message);
            events.Fail(id, log, message);
        }
    }

    /// <summary>The validation's summary for the task's output; its findings went to the log as it ran.</summary>
    private static string? ValidationSummary(CreateRepoResult result, RunLog log) =>
        result.ValidationFailure is { } failure ? "validation could not run: " + log.Redact(failure.Message)
        : result.Validation is { } report ? RepoDiagnostics.Summary(report)
        : null;

    /// <summary>The task's log of each step of the use case, in the order Backstage's task page shows them.</summary>
    private sealed class TaskObserver(RunLog log, PendingTask task) : ICreateRepoObserver
    {
        private const string ValidateStep = "validate";

        public IScaffoldLog Log => log;

        public void Rendered(ScaffoldResult result) => log.Finish(result.Steps);

        public void Written(string folder, ScaffoldResult result)
        {
            log.Note($"Wrote the repo: {result.Files.Count} files");
            if (CreateRepo.AsksInstall(task.Answers))
                log.Note("install is true, but the portal installs nothing (it has no access to your cluster): run `kafka-templates install . --create-namespace --wait` in the downloaded repo");
        }

        public async Task<ValidationReport> ValidateAsync(ValidationDepth depth, Func<Task<ValidationReport>> validate)
        {
            log.Note("Validating the repo", ValidateStep, "processing");
            ValidationReport report;
            try
            {
                report = await validate();
            }
            catch (InvalidRepoException e)
            {
                log.Note($"Validation could not run: {e.Message}", ValidateStep, "failed");
                throw;
            }
            foreach (var line in RepoDiagnostics.Lines(report)) log.Note(line, ValidateStep);
            log.Note($"Validation: {RepoDiagnostics.Summary(report)}", ValidateStep, report.HasErrors ? "failed" : "completed");
            return report;
        }
    }

    private static void Append(JsonObject output, string list, JsonObject item)
    {
        if (output[list] is not JsonArray array) output[list] = array = [];
        array.Add((JsonNode)item);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "task {TaskId} failed: {Message}")]
    private static partial void LogInternalError(ILogger logger, Guid taskId, string message);
}
