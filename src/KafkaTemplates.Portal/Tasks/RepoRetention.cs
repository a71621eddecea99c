using KafkaTemplates.Portal.Hosting;
using Microsoft.Extensions.Hosting;

namespace KafkaTemplates.Portal.Tasks;

/// <summary>
/// Created repos stay downloadable for <see cref="PortalOptions.KeepReposFor"/>, then go, so a portal that runs for
/// months does not fill its disk. Tasks and their logs stay; a later download says the repo is no longer kept. Runs at
/// start and then every hour. A repo's age is its folder's time, which the move into place at completion sets; an
/// archive kept in a shared database ages from its task's completion.
/// </summary>
internal sealed class RepoRetention(DataFolder data, ITaskStore store, PortalOptions options) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    public static int Sweep(DataFolder data, ITaskStore store, TimeSpan keep, DateTime nowUtc)
    {
        var removed = store.RemoveArchives(new DateTimeOffset(nowUtc - keep, TimeSpan.Zero));
        foreach (var folder in Directory.EnumerateDirectories(data.ReposRoot))
        {
            // Only finished repos are named by their task id; staging folders belong to running tasks.
            if (!Guid.TryParseExact(Path.GetFileName(folder), "D", out _)) continue;
            if (nowUtc - Directory.GetLastWriteTimeUtc(folder) < keep) continue;
            DataFolder.TryDelete(folder);
            removed++;
        }
        return removed;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken)) Sweep(data, store, options.KeepReposFor, DateTime.UtcNow);
        }
        catch (OperationCanceledException)
        {
            // Stopping, or a start that failed (a port in use) disposing the host: not a failure of this service,
            // and the host would otherwise log it with its stack trace.
        }
    }
}
