using KafkaTemplates.Engine.Actions;

namespace KafkaTemplates.Portal.Tests.Support;

/// <summary>A test-only action, <c>test:flaky</c>: it fails until the test calls <see cref="Heal"/>, then succeeds.</summary>
internal sealed class FlakyAction : IScaffolderAction
{
    private volatile bool _healed;

    public string Id => "test:flaky";

    public string Description => "Fails until the test heals it.";

    public JsonObject InputSchema { get; } = new() { ["type"] = "object" };

    public int Runs { get; private set; }

    public void Heal() => _healed = true;

    public Task RunAsync(ActionContext context, CancellationToken cancellationToken)
    {
        Runs++;
        return _healed ? Task.CompletedTask : throw new ActionException(context.StepId, "the flaky step failed, as the test asked");
    }
}

/// <summary>
/// A test-only action, <c>publish:test</c>: it stands for a step that acts outside the repo's files (a git push, a
/// catalog registration), which a retry must never repeat. It only counts its runs.
/// </summary>
internal sealed class RemoteAction : IScaffolderAction
{
    public string Id => "publish:test";

    public string Description => "Stands for a step that changes something outside the files.";

    public bool ChangesTheWorld => true;

    public JsonObject InputSchema { get; } = new() { ["type"] = "object" };

    public int Runs { get; private set; }

    public Task RunAsync(ActionContext context, CancellationToken cancellationToken)
    {
        Runs++;
        return Task.CompletedTask;
    }
}
