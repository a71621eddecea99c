namespace KafkaTemplates.Portal.Tasks;

/// <summary>Names a portal process among the replicas sharing a store: its host name and a random part, new at each start.</summary>
internal static class Replicas
{
    public static string NewId() => $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}";
}
