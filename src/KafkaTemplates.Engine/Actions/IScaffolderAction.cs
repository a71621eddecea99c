using System.Text.Json.Nodes;

namespace KafkaTemplates.Engine.Actions;

/// <summary>
/// A step action, as in Backstage's scaffolder (<c>fetch:template</c>, <c>fs:rename</c>, ...). A new action is
/// one class implementing this, added to <see cref="ActionRegistry.CreateDefault"/>.
/// </summary>
public interface IScaffolderAction
{
    string Id { get; }

    string Description { get; }

    /// <summary>JSON Schema of the input: checked for unknown and missing keys at load, fully at run time.</summary>
    JsonObject InputSchema { get; }

    /// <summary>JSON Schema of the outputs, for the portal's action list.</summary>
    JsonObject OutputSchema => new() { ["type"] = "object", ["properties"] = new JsonObject() };

    /// <summary>False for actions that only a portal can carry out (publishing, catalog registration).</summary>
    bool RunsLocally => true;

    /// <summary>
    /// True for actions that send the workspace somewhere (a git host): the answers file is added before they run, so
    /// what they publish is the whole repo, as <c>upgrade</c> will need it.
    /// </summary>
    bool PublishesWorkspace => false;

    /// <summary>
    /// True for actions that change something outside the workspace (a git host, a catalog). A dry run (the portal's
    /// preview) skips them, as Backstage skips actions that do not support dry runs.
    /// </summary>
    bool ChangesTheWorld => PublishesWorkspace;

    Task RunAsync(ActionContext context, CancellationToken cancellationToken);
}
