using System.Text.Json.Nodes;
using KafkaTemplates.Portal.Scaffolding;

namespace KafkaTemplates.Portal.Tasks;

/// <summary>
/// Stores a task's events and wakes its streams, for every part of the portal that runs or ends tasks: a log line,
/// and the one completion event each task ends with, in Backstage's words (<c>Run completed with status: ...</c>).
/// </summary>
internal sealed class TaskEvents(ITaskStore store, TaskEventHub hub)
{
    public static JsonObject Completed(JsonObject output) =>
        new() { ["message"] = "Run completed with status: completed", ["output"] = output };

    public static JsonObject Failed(string reason, JsonObject? output = null)
    {
        var completion = new JsonObject
        {
            ["message"] = "Run completed with status: failed",
            ["error"] = new JsonObject { ["name"] = "Error", ["message"] = reason },
        };
        if (output is not null) completion["output"] = output;
        return completion;
    }

    public static JsonObject Cancelled() => new() { ["message"] = "Run completed with status: cancelled" };

    public void Append(Guid id, JsonObject body)
    {
        store.AppendLog(id, body);
        hub.Notify(id);
    }

    /// <summary>Ends the task with its completion event (after <paramref name="before"/>, if any); false when it had ended already.</summary>
    public bool Finish(Guid id, string status, JsonObject completion, (string, JsonObject)? before = null, bool onlyIfOpen = false)
    {
        if (!store.Finish(id, status, completion, before, onlyIfOpen)) return false;
        hub.Notify(id, finished: true);
        return true;
    }

    /// <summary>Marks the running step as failed with <paramref name="reason"/>, then ends the task as failed.</summary>
    public void Fail(Guid id, RunLog log, string reason)
    {
        log.Fail(reason);
        Finish(id, TaskStates.Failed, Failed(reason));
    }
}
