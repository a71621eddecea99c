using System.Collections.Concurrent;

namespace KafkaTemplates.Portal.Tasks;

/// <summary>
/// Wakes readers of a task's events when new ones are stored. A reader takes the task's signal first, then reads the
/// store, then waits on the signal only if it found nothing new: an event stored in between has already fired it.
/// </summary>
internal sealed class TaskEventHub(TimeSpan? pollInterval = null)
{
    private readonly ConcurrentDictionary<Guid, TaskCompletionSource> _signals = new();

    public Task Signal(Guid taskId) =>
        _signals.GetOrAdd(taskId, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    /// <summary>Wakes every reader of the task; a finished task's signal is dropped, as it will not fire again.</summary>
    public void Notify(Guid taskId, bool finished = false)
    {
        TaskCompletionSource? fired = null;
        if (finished) _signals.TryRemove(taskId, out fired);
        else
        {
            var next = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            // Under contention the update may run again; the old signal of the attempt that wins is the one to fire.
            _signals.AddOrUpdate(taskId, next, (_, old) =>
            {
                fired = old;
                return next;
            });
        }
        fired?.TrySetResult();
    }

    /// <summary>
    /// Waits for the signal; with a store several replicas share, also for the poll interval, since an event another
    /// replica stored fires no signal here.
    /// </summary>
    public async Task WaitAsync(Task signal, CancellationToken cancellationToken)
    {
        if (pollInterval is not { } poll)
        {
            await signal.WaitAsync(cancellationToken);
            return;
        }
        try
        {
            await signal.WaitAsync(poll, cancellationToken);
        }
        catch (TimeoutException)
        {
            // Time to look in the store again.
        }
    }

    /// <summary>Drops the signal of a task a reader saw finish, which <see cref="Signal"/> may have created anew.</summary>
    public void Forget(Guid taskId)
    {
        if (_signals.TryRemove(taskId, out var signal)) signal.TrySetResult();
    }
}
