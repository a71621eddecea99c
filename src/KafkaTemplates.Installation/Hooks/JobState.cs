using System.Text.Json.Nodes;

namespace KafkaTemplates.Installation.Hooks;

/// <summary>
/// A batch/v1 Job's state as its controller reports it: finished when a Complete or Failed condition is True (the
/// Failed condition carries why: BackoffLimitExceeded, DeadlineExceeded...); the succeeded and failed pod counts
/// say how far it got.
/// </summary>
internal sealed record JobState(bool Complete, bool Failed, string? Reason, string? Message, int SucceededPods, int FailedPods, int ActivePods)
{
    public bool Finished => Complete || Failed;

    public static JobState From(JsonObject job)
    {
        var status = job["status"] as JsonObject;
        var conditions = (status?["conditions"] as JsonArray ?? []).OfType<JsonObject>().ToList();
        JsonObject? True(string type) => conditions.FirstOrDefault(c => c["type"]?.GetValue<string>() == type && c["status"]?.GetValue<string>() == "True");
        var failed = True("Failed");
        var complete = True("Complete");
        return new JobState(complete is not null, failed is not null,
            (failed ?? complete)?["reason"]?.GetValue<string>(), (failed ?? complete)?["message"]?.GetValue<string>(),
            Count(status?["succeeded"]), Count(status?["failed"]), Count(status?["active"]));
    }

    public override string ToString()
    {
        var pods = $"{SucceededPods} pod(s) succeeded, {FailedPods} failed, {ActivePods} active";
        if (Failed) return $"failed: {Reason ?? "Failed"}{(string.IsNullOrEmpty(Message) ? "" : $": {Message}")} ({pods})";
        return Complete ? $"completed ({pods})" : $"running ({pods})";
    }

    private static int Count(JsonNode? node) => node is JsonValue v && v.TryGetValue<int>(out var count) ? count : 0;
}
