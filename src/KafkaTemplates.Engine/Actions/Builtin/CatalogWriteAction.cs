using KafkaTemplates.Engine.Steps;
using System.Text.Json.Nodes;
using KafkaTemplates.Engine.FileSets;
using KafkaTemplates.Engine.Yaml;

namespace KafkaTemplates.Engine.Actions.Builtin;

/// <summary>Backstage's <c>catalog:write</c>: writes an entity as YAML (catalog-info.yaml by default).</summary>
internal sealed class CatalogWriteAction : IScaffolderAction
{
    public string Id => "catalog:write";

    public string Description => "Writes a catalog entity descriptor into the workspace.";

    public JsonObject InputSchema => Schema.Value;

    // Parsed on first use: a run only needs the schemas of the actions its template uses.
    private static readonly Lazy<JsonObject> Schema = new(() => ActionSchemas.Object("""
        {
          "filePath": { "type": "string", "default": "catalog-info.yaml" },
          "entity": { "type": "object" }
        }
        """, "entity"));

    public Task RunAsync(ActionContext context, CancellationToken cancellationToken)
    {
        var path = RepoPath.Normalize(context.GetString("filePath") ?? "catalog-info.yaml", "filePath");
        var yaml = YamlWriter.Write(context.Input["entity"]);
        context.Workspace.Put(GeneratedFile.FromText(path, yaml));
        context.Log.Info(context.StepId, $"wrote {path}");
        return Task.CompletedTask;
    }
}
