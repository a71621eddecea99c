using KafkaTemplates.Engine.Actions;

namespace KafkaTemplates.Portal.Tests.Support;

/// <summary>
/// A test-only action, <c>test:wait</c>: it signals that a run reached it, then waits until the test opens the gate
/// or the run is cancelled. Tests use it to act while a task is mid-run, without timing anything.
/// </summary>
internal sealed class GateAction : IScaffolderAction
{
    private readonly TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _open = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string Id => "test:wait";

    public string Description => "Waits until the test opens the gate.";

    public JsonObject InputSchema { get; } = new() { ["type"] = "object" };

    /// <summary>Completes when a run first reaches the gate.</summary>
    public Task Entered => _entered.Task;

    public void Open() => _open.TrySetResult();

    public async Task RunAsync(ActionContext context, CancellationToken cancellationToken)
    {
        _entered.TrySetResult();
        await _open.Task.WaitAsync(cancellationToken);
    }
}
