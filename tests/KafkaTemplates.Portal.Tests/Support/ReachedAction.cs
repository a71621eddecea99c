using KafkaTemplates.Engine.Actions;

namespace KafkaTemplates.Portal.Tests.Support;

/// <summary>
/// A test-only action, <c>test:reached</c>: it counts the runs that reached it and goes on at once. A test waits
/// for a count to know that many runs hold their slots and are about to run their next step.
/// </summary>
internal sealed class ReachedAction : IScaffolderAction
{
    private readonly object _lock = new();
    private readonly List<(int Count, TaskCompletionSource Done)> _waiters = [];
    private int _count;

    public string Id => "test:reached";

    public string Description => "Counts the runs that reached it.";

    public JsonObject InputSchema { get; } = new() { ["type"] = "object" };

    /// <summary>Completes when <paramref name="count"/> runs have reached the action.</summary>
    public Task Reached(int count)
    {
        lock (_lock)
        {
            if (_count >= count) return Task.CompletedTask;
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((count, done));
            return done.Task;
        }
    }

    public Task RunAsync(ActionContext context, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            _count++;
            foreach (var (count, done) in _waiters.Where(w => w.Count <= _count)) done.TrySetResult();
            _waiters.RemoveAll(w => w.Count <= _count);
        }
        return Task.CompletedTask;
    }
}
