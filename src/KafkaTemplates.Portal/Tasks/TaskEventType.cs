namespace KafkaTemplates.Portal.Tasks;

/// <summary>Backstage's task event types. A task's stream ends with exactly one completion event.</summary>
internal static class TaskEventType
{
    public const string Log = "log";
    public const string Completion = "completion";
    public const string Cancelled = "cancelled";
    public const string Recovered = "recovered";
}
