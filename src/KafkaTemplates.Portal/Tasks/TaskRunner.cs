using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using KafkaTemplates.Portal.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace KafkaTemplates.Portal.Tasks;

/// <summary>
/// Runs tasks with bounded concurrency: a fixed number of workers take tasks from a queue in order; at most
/// <see cref="PortalOptions.MaxQueuedTasks"/> may wait. On shutdown, running tasks are cancelled and end as failed
/// ("the server stopped while the task ran"); queued ones end as failed without running.
/// </summary>
internal sealed partial class TaskRunner(TaskExecutor executor, UpgradeTaskExecutor upgrades, ITaskStore store, TaskEventHub hub, TaskEvents events, PortalOptions options, ILogger<TaskRunner> logger)
    : IHostedService, IDisposable
{
    private readonly Channel<QueuedTask> _queue = Channel.CreateUnbounded<QueuedTask>();
    private readonly ConcurrentDictionary<Guid, CancellationTokenSource> _running = new();
    private readonly ConcurrentDictionary<Guid, byte> _held = new();
    private readonly CancellationTokenSource _shutdown = new();
    private Task[] _workers = [];
    private int _waiting;

    /// <summary>Takes a queue place for a task about to be created; false when the queue is full.</summary>
    public bool TryReserve()
    {
        if (Interlocked.Increment(ref _waiting) <= options.MaxQueuedTasks + options.MaxConcurrentTasks - Busy) return true;
        Interlocked.Decrement(ref _waiting);
        return false;
    }

    public void Release() => Interlocked.Decrement(ref _waiting);

    private int Busy => _running.Count;

    /// <summary>The tasks queued or running here: the ones whose claim this replica renews.</summary>
    public IReadOnlyCollection<Guid> Held => [.. _held.Keys];

    public void Enqueue(QueuedTask task)
    {
        _held[task.Id] = 0;
        if (!_queue.Writer.TryWrite(task))
        {
            Release();
            FailQueued(task.Id);
        }
    }

    /// <summary>
    /// Cancels a task: a queued one ends at once, a running one is told to stop and ends as soon as its step yields.
    /// Returns the status the task has or is heading for.
    /// </summary>
    public string Cancel(TaskRecord task)
    {
        var cancelled = new JsonObject { ["message"] = "The task has been cancelled before it started." };
        if (events.Finish(task.Id, TaskStates.Cancelled, TaskEvents.Cancelled(), (TaskEventType.Cancelled, cancelled), onlyIfOpen: true))
            return TaskStates.Cancelled;
        if (_running.TryGetValue(task.Id, out var run))
        {
            try
            {
                run.Cancel();
                return TaskStates.Cancelled;
            }
            catch (ObjectDisposedException)
            {
                // It finished in the meantime: report what it finished as.
            }
        }
        // Running on another replica: it cancels the task at its next heartbeat.
        if (store.IsShared && store.RequestCancel(task.Id)) return TaskStates.Cancelled;
        return store.Get(task.Id)?.Status ?? task.Status;
    }

    /// <summary>Cancels a task running here that was asked to cancel through another replica.</summary>
    public void CancelRunning(Guid id)
    {
        if (!_running.TryGetValue(id, out var run)) return;
        try
        {
            run.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // It finished in the meantime.
        }
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _workers = [.. Enumerable.Range(0, options.MaxConcurrentTasks).Select(_ => Task.Run(WorkAsync, CancellationToken.None))];
        return Task.CompletedTask;
    }

    private async Task WorkAsync()
    {
        try
        {
            while (await _queue.Reader.WaitToReadAsync(_shutdown.Token))
            {
                if (!_queue.Reader.TryRead(out var task)) continue;
                using var cancel = new CancellationTokenSource();
                // Registered before the task starts, so a cancel request that finds it running can always reach it.
                _running[task.Id] = cancel;
                Release();
                try
                {
                    if (!store.TryStart(task.Id)) continue;
                    hub.Notify(task.Id);
                    if (task is PendingUpgradeTask upgrade) await upgrades.RunAsync(upgrade, cancel.Token, _shutdown.Token);
                    else await executor.RunAsync((PendingTask)task, cancel.Token, _shutdown.Token);
                }
#pragma warning disable CA1031 // One task's fault (a closed store at shutdown) must not stop the worker.
                catch (Exception e)
#pragma warning restore CA1031
                {
                    LogWorkerFault(logger, task.Id, e.GetType().Name);
                }
                finally
                {
                    _running.TryRemove(task.Id, out _);
                    _held.TryRemove(task.Id, out _);
                }
            }
        }
        catch (OperationCanceledException) when (_shutdown.IsCancellationRequested)
        {
            // Shutting down: StopAsync ends what is still queued.
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _shutdown.CancelAsync();
        _queue.Writer.TryComplete();
        try
        {
            await Task.WhenAll(_workers).WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // A step that ignores cancellation: its task stays "processing" and the next start marks it failed.
            LogShutdownTimeout(logger, _running.Count);
        }
        while (_queue.Reader.TryRead(out var task)) FailQueued(task.Id);
    }

    private void FailQueued(Guid id)
    {
        events.Finish(id, TaskStates.Failed, TaskEvents.Failed(TaskExecutor.StoppedBeforeRunning));
        _held.TryRemove(id, out _);
    }

    public void Dispose() => _shutdown.Dispose();

    [LoggerMessage(Level = LogLevel.Error, Message = "task {TaskId}: the worker caught {Fault}")]
    private static partial void LogWorkerFault(ILogger logger, Guid taskId, string fault);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} tasks did not stop in time; they will be marked failed at the next start")]
    private static partial void LogShutdownTimeout(ILogger logger, int count);
}
