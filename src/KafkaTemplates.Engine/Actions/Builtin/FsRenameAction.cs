using KafkaTemplates.Engine.Steps;
using System.Text.Json.Nodes;
using KafkaTemplates.Engine.FileSets;

namespace KafkaTemplates.Engine.Actions.Builtin;

/// <summary>Backstage's <c>fs:rename</c>: moves files or folders inside the workspace.</summary>
internal sealed class FsRenameAction : IScaffolderAction
{
    public string Id => "fs:rename";

    public string Description => "Renames files or folders in the workspace.";

    public JsonObject InputSchema => Schema.Value;

    // Parsed on first use: a run only needs the schemas of the actions its template uses.
    private static readonly Lazy<JsonObject> Schema = new(() => ActionSchemas.Object("""
        {
          "files": {
            "type": "array",
            "items": {
              "type": "object",
              "required": ["from", "to"],
              "properties": {
                "from": { "type": "string" },
                "to": { "type": "string" },
                "overwrite": { "type": "boolean" }
              }
            }
          }
        }
        """, "files"));

    public Task RunAsync(ActionContext context, CancellationToken cancellationToken)
    {
        foreach (var item in (JsonArray)context.Input["files"]!)
        {
            var from = RepoPath.Normalize(item!["from"]!.ToString(), "from");
            var to = RepoPath.Normalize(item["to"]!.ToString(), "to");
            var overwrite = item["overwrite"] is JsonValue v && v.TryGetValue<bool>(out var b) && b;
            var moves = context.Workspace.Contains(from)
                ? [(from, to)]
                : context.Workspace.Paths.Where(p => p.StartsWith(from + "/", StringComparison.Ordinal))
                    .Select(p => (p, to + p[from.Length..])).ToList();
            if (moves.Count == 0) throw new ActionException(context.StepId, $"'{from}' does not exist in the workspace");
            foreach (var (oldPath, newPath) in moves)
            {
                if (context.Workspace.Contains(newPath) && !overwrite)
                    throw new ActionException(context.StepId, $"'{newPath}' already exists; set overwrite: true to replace it");
            }
            foreach (var (oldPath, newPath) in moves)
            {
                var file = context.Workspace[oldPath];
                context.Workspace.Remove(oldPath);
                context.Workspace.Put(file with { Path = newPath });
            }
            context.Log.Info(context.StepId, $"renamed {from} to {to}");
        }
        return Task.CompletedTask;
    }
}
