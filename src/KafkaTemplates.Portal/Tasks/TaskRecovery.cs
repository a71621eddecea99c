using System.Text.Json.Nodes;
using KafkaTemplates.Portal.Hosting;

namespace KafkaTemplates.Portal.Tasks;

/// <summary>
/// At start, ends the tasks a previous server left unfinished (it crashed, or a step ignored the stop): none can
/// resume, since their secrets lived only in that server's memory. Each gets a failed status, a failed event for the
/// step it was in, and a completion event saying why, so no task is ever lost silently. Their half-written repos go.
/// </summary>
internal static class TaskRecovery
{
    public static int Run(TaskStore store, DataFolder data)
    {
        var recovered = 0;
        foreach (var (id, status) in store.Unfinished())
        {
            var reason = status == TaskStates.Processing ? TaskExecutor.StoppedWhileRunning : TaskExecutor.StoppedBeforeRunning;
            if (status == TaskStates.Processing && StepInProgress(store.Events(id)) is { } step)
                store.AppendLog(id, new JsonObject { ["message"] = reason, ["stepId"] = step, ["status"] = TaskStates.Failed });
            store.Finish(id, TaskStates.Failed, new JsonObject
            {
                ["message"] = "Run completed with status: failed",
                ["error"] = new JsonObject { ["name"] = "Error", ["message"] = reason },
            });
            DataFolder.TryDelete(data.RepoFolder(id));
            recovered++;
        }
        return recovered;
    }

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
