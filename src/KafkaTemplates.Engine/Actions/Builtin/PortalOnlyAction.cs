using System.Text.Json.Nodes;
using KafkaTemplates.Engine.Steps;

namespace KafkaTemplates.Engine.Actions.Builtin;

/// <summary>
/// Actions that need a portal's integrations (<c>publish:*</c>, <c>catalog:register</c>). Locally the generated
/// folder is the result, so these steps are skipped and the log says so.
/// </summary>
internal sealed class PortalOnlyAction(string id, string description) : IScaffolderAction
{
    public string Id { get; } = id;

    public string Description { get; } = description + " Runs only in a portal; skipped locally.";

    public JsonObject InputSchema { get; } = new() { ["type"] = "object" };

    public bool RunsLocally => false;

    public Task RunAsync(ActionContext context, CancellationToken cancellationToken)
    {
        context.Log.Info(context.StepId, $"skipped {Id}: it belongs to the portal; the generated folder is the result here");
        return Task.CompletedTask;
    }
}
