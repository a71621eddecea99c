using KafkaTemplates.Engine.Parameters;
using KafkaTemplates.Engine.Templates;
using KafkaTemplates.Portal.Api;
using KafkaTemplates.Portal.Hosting;

namespace KafkaTemplates.Portal.Tasks;

/// <summary>What the task endpoints do: create (store, then queue), look up, cancel, and find a finished repo.</summary>
internal sealed class TaskService(TaskStore store, TaskRunner runner, TaskEventHub hub, DataFolder data)
{
    public TaskEventHub Hub => hub;

    public TaskStore Store => store;

    public Guid Create(TemplateDefinition template, AnswerSet answers, string? createdBy = null)
    {
        if (!runner.TryReserve())
            throw new ApiException(503, "ServiceUnavailableError", "too many tasks are waiting to run; try again when some have finished");
        var id = Guid.NewGuid();
        try
        {
            store.Create(id, template.Id, TaskSpecs.Build(template, answers, createdBy), createdBy);
        }
        catch
        {
            runner.Release();
            throw;
        }
        runner.Enqueue(new PendingTask(id, template, answers));
        return id;
    }

    /// <summary>Runs a failed task again (see <see cref="TaskRetry"/>); 409 when it was retried meanwhile.</summary>
    public void Retry(Guid id, TemplateDefinition template, AnswerSet answers, System.Text.Json.Nodes.JsonObject recovered)
    {
        if (!runner.TryReserve())
            throw new ApiException(503, "ServiceUnavailableError", "too many tasks are waiting to run; try again when some have finished");
        bool reopened;
        try
        {
            reopened = store.Reopen(id, recovered);
        }
        catch
        {
            runner.Release();
            throw;
        }
        if (!reopened)
        {
            runner.Release();
            throw ApiException.Conflict($"task {id:D} is no longer failed: it was retried already");
        }
        hub.Notify(id);
        runner.Enqueue(new PendingTask(id, template, answers));
    }

    /// <summary>The task an id names, or 404. Only the canonical GUID form is accepted, so an id is never a path.</summary>
    public TaskRecord Get(string id)
    {
        if (Guid.TryParseExact(id, "D", out var guid) && store.Get(guid) is { } task) return task;
        throw ApiException.NotFound($"no task with id '{id}'");
    }

    public string Cancel(TaskRecord task) => runner.Cancel(task);

    /// <summary>The folder of a completed task's repo, or 409 while it runs or when it did not complete.</summary>
    public string RepoFolder(TaskRecord task)
    {
        if (task.Status != TaskStates.Completed)
            throw ApiException.Conflict(TaskStates.IsFinished(task.Status)
                ? $"task {task.Id:D} ended as {task.Status}, so it has no repo to download"
                : $"task {task.Id:D} is {task.Status}; download its repo once it has completed");
        var folder = data.RepoFolder(task.Id);
        return Directory.Exists(folder) ? folder : throw ApiException.NotFound(
            $"the repo of task {task.Id:D} is no longer kept (the portal keeps created repos for a while, then removes them); run the template again");
    }
}
