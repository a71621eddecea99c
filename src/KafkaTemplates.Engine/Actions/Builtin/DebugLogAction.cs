using KafkaTemplates.Engine.Steps;
using System.Text.Json.Nodes;

namespace KafkaTemplates.Engine.Actions.Builtin;

/// <summary>Backstage's <c>debug:log</c>: writes a message, and optionally the workspace listing, to the log.</summary>
internal sealed class DebugLogAction : IScaffolderAction
{
    public string Id => "debug:log";

    public string Description => "Writes a message to the log.";

    public JsonObject InputSchema => Schema.Value;

    // Parsed on first use: a run only needs the schemas of the actions its template uses.
    private static readonly Lazy<JsonObject> Schema = new(() => ActionSchemas.Object("""
        {
          "message": { "type": "string" },
          "listWorkspace": { "type": ["boolean", "string"], "enum": [true, false, "with-filenames", "with-contents"] },
          "extra": {}
        }
        """));

    public Task RunAsync(ActionContext context, CancellationToken cancellationToken)
    {
        if (context.GetString("message") is { } message) context.Log.Info(context.StepId, message);
        var list = context.Input["listWorkspace"]?.ToString();
        if (list is "true" or "with-filenames" or "with-contents")
        {
            foreach (var file in context.Workspace)
            {
                var line = list == "with-contents" && !file.IsBinary ? $"{file.Path}:\n{file.ReadText()}" : file.Path;
                context.Log.Info(context.StepId, line);
            }
        }
        return Task.CompletedTask;
    }
}
