using KafkaTemplates.Engine.Steps;
using System.Text.Json.Nodes;
using KafkaTemplates.Engine.FileSets;

namespace KafkaTemplates.Engine.Actions.Builtin;

/// <summary>Backstage's <c>fetch:plain:file</c>: copies one file of the template as it is.</summary>
internal sealed class FetchPlainFileAction : IScaffolderAction
{
    public string Id => "fetch:plain:file";

    public string Description => "Copies one file of the template without rendering.";

    public JsonObject InputSchema => Schema.Value;

    // Parsed on first use: a run only needs the schemas of the actions its template uses.
    private static readonly Lazy<JsonObject> Schema = new(() => ActionSchemas.Object("""
        {
          "url": { "type": "string" },
          "targetPath": { "type": "string" },
          "token": { "type": "string" }
        }
        """, "url", "targetPath"));

    public Task RunAsync(ActionContext context, CancellationToken cancellationToken)
    {
        var (url, source, target) = SkeletonFiles.OneFile(context);
        context.Workspace.Put(new GeneratedFile(target, SkeletonFiles.ReadOne(source), SkeletonFiles.ModeOf(source)));
        context.Log.Info(context.StepId, $"copied {url} to {target}");
        return Task.CompletedTask;
    }
}
