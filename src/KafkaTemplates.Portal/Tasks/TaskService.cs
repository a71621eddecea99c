using KafkaTemplates.Engine.Parameters;
using KafkaTemplates.Engine.Templates;
using KafkaTemplates.Portal.Api;
using KafkaTemplates.Portal.Hosting;

namespace KafkaTemplates.Portal.Tasks;

/// <summary>What the task endpoints do: create (store, then queue), look up, cancel, and find a finished repo.</summary>
internal sealed class TaskService(ITaskStore store, TaskRunner runner, TaskEventHub hub, DataFolder data)
{
    public TaskEventHub Hub => hub;

    public ITaskStore Store => store;

    public Guid Create(TemplateDefinition template, AnswerSet answers, string? createdBy = null) =>
        Submit(template.Id, TaskSpecs.Build(template, answers, createdBy), createdBy, id => new PendingTask(id, template, answers));

    /// <summary>Queues a fleet of upgrade requests as a task (see <see cref="UpgradeTasks"/>); 503 when the queue is full.</summary>
    public Guid CreateUpgrade(UseCases.Upgrade.PullRequests.UpgradePullRequestsRequest request, IReadOnlyList<string> repos, string? createdBy) =>
        Submit(UpgradeTasks.Kind, UpgradeTasks.Spec(request, repos, createdBy), createdBy, id => new PendingUpgradeTask(id, request));

    /// <summary>Stores a new task and queues it, holding a queue place from before it is stored; 503 when the queue is full.</summary>
    private Guid Submit(string kind, System.Text.Json.Nodes.JsonObject spec, string? createdBy, Func<Guid, QueuedTask> pending)
    {
        Reserve();
        var id = Guid.NewGuid();
        try
        {
            store.Create(id, kind, spec, createdBy);
        }
        catch
        {
            runner.Release();
            throw;
        }
        runner.Enqueue(pending(id));
        return id;
    }

    private void Reserve()
    {
        if (!runner.TryReserve())
            throw new ApiException(503, "ServiceUnavailableError", "too many tasks are waiting to run; try again when some have finished");
    }

    /// <summary>Runs a failed task again (see <see cref="TaskRetry"/>); 409 when it was retried meanwhile.</summary>
    public void Retry(Guid id, TemplateDefinition template, AnswerSet answers, System.Text.Json.Nodes.JsonObject recovered)
    {
        Reserve();
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

    /// <summary>
    /// A completed task's repo as a zip: from this replica's data folder when it made the repo, otherwise from the
    /// archive the shared store keeps. 409 while it runs or when it did not complete; 404 once removed by age.
    /// </summary>
    public byte[] RepoZip(TaskRecord task)
    {
        var folder = RepoFolder(task, mustExist: !store.IsShared);
        if (Directory.Exists(folder)) return RepoArchive.Of(task, Engine.FileSets.FileSet.FromDirectory(folder));
        return store.LoadArchive(task.Id) ?? throw NoLongerKept(task);
    }

    private string RepoFolder(TaskRecord task, bool mustExist)
    {
        if (task.Status != TaskStates.Completed)
            throw ApiException.Conflict(TaskStates.IsFinished(task.Status)
                ? $"task {task.Id:D} ended as {task.Status}, so it has no repo to download"
                : $"task {task.Id:D} is {task.Status}; download its repo once it has completed");
        var folder = data.RepoFolder(task.Id);
        return Directory.Exists(folder) || !mustExist ? folder : throw NoLongerKept(task);
    }

    private static ApiException NoLongerKept(TaskRecord task) => ApiException.NotFound(
        $"the repo of task {task.Id:D} is no longer kept (the portal keeps created repos for a while, then removes them); run the template again");
}
