using KafkaTemplates.Portal.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace KafkaTemplates.Portal.Tasks;

/// <summary>
/// Every <see cref="PortalOptions.HeartbeatInterval"/>: renews this replica's claim on the tasks it holds, then ends
/// the tasks whose replica stopped beating for <see cref="PortalOptions.ClaimTimeout"/> (see <see cref="TaskRecovery"/>).
/// With SQLite the data folder holds one process, so this only ends a task whose run ended without reaching the store.
/// </summary>
internal sealed partial class ReplicaHeartbeat(ITaskStore store, TaskRunner runner, TaskEventHub hub, DataFolder data, PortalOptions options,
    ILogger<ReplicaHeartbeat> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.HeartbeatInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    var held = runner.Held;
                    store.Beat(held);
                    foreach (var id in store.ToStop(held)) runner.CancelRunning(id);
                    foreach (var id in TaskRecovery.Ended(store, data, DateTimeOffset.UtcNow - options.ClaimTimeout, options.ClaimTimeout))
                        hub.Notify(id, finished: true);
                }
#pragma warning disable CA1031 // A database that is away is the next beat's to reach; the loop must go on.
                catch (Exception e)
#pragma warning restore CA1031
                {
                    LogBeatFailed(logger, e.GetType().Name, e.Message);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "replica heartbeat failed: {Fault}: {Message}")]
    private static partial void LogBeatFailed(ILogger logger, string fault, string message);
}
