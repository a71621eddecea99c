using System.Text.Json.Nodes;
using KafkaTemplates.Portal.Hosting;

namespace KafkaTemplates.Portal.Tasks;

/// <summary>
/// Ends the tasks a stopped portal left unfinished: at start, and with several replicas whenever one stops beating.
/// None can run on elsewhere: their secrets lived only in the stopped process's memory, and a step that acts outside
/// the files (publish:*, catalog:register) may already have acted, so running it again could do it twice. Each is
/// claimed by exactly one replica (<see cref="ITaskStore.ClaimOrphans"/>) and gets a failed status, a failed event for
/// the step it was in, and a completion event saying why, so no task is lost silently or run twice. The user's retry
/// then decides, as for any failed task, whether it can run again from its failed step (<see cref="TaskRetry"/>).
/// </summary>
internal static class TaskRecovery
{
    /// <summary>Ends the orphans found at start; returns how many.</summary>
    public static int Run(ITaskStore store, DataFolder data, DateTimeOffset staleBefore, TimeSpan claimTimeout) =>
        Ended(store, data, staleBefore, claimTimeout).Count;

    /// <summary>Claims and ends the tasks whose last beat is older than <paramref name="staleBefore"/>; returns them.</summary>
    public static IReadOnlyList<Guid> Ended(ITaskStore store, DataFolder data, DateTimeOffset staleBefore, TimeSpan claimTimeout)
    {
        var ended = new List<Guid>();
        foreach (var (id, status) in store.ClaimOrphans(staleBefore))
        {
            var reason = store.IsShared
                ? status == TaskStates.Processing ? StoppedReplicaWhileRunning(claimTimeout) : TaskExecutor.StoppedBeforeRunning
                : status == TaskStates.Processing ? TaskExecutor.StoppedWhileRunning : TaskExecutor.StoppedBeforeRunning;
            if (status == TaskStates.Processing && StepInProgress(store.Events(id)) is { } step)
                store.AppendLog(id, new JsonObject { ["message"] = reason, ["stepId"] = step, ["status"] = TaskStates.Failed });
            var finished = store.Finish(id, TaskStates.Failed, TaskEvents.Failed(reason));
            DataFolder.TryDelete(data.RepoFolder(id));
            if (finished) ended.Add(id);
        }
        return ended;
    }

    public static string StoppedReplicaWhileRunning(TimeSpan claimTimeout) =>
        $"the portal replica that ran the task stopped (no heartbeat for {claimTimeout.TotalSeconds:0.#} s); retry the task: the retry runs it again " +
        "from its failed step when nothing outside the repo's files was done yet, and says why not otherwise";

    /// <summary>The last step that reported processing and no final status since.</summary>
    private static string? StepInProgress(IEnumerable<TaskEventRecord> events)
    {
        string? current = null;
        foreach (var e in events)
        {
            if (e.Body["stepId"]?.GetValue<string>() is not { } step || e.Body["status"]?.GetValue<string>() is not { } status) continue;
            if (status == TaskStates.Processing) current = step;
            else if (step == current) current = null;
        }
        return current;
    }
}
