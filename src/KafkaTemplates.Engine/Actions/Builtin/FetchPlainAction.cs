using KafkaTemplates.Engine.Steps;
using System.Text.Json.Nodes;
using KafkaTemplates.Engine.FileSets;

namespace KafkaTemplates.Engine.Actions.Builtin;

/// <summary>Backstage's <c>fetch:plain</c>: copies a folder of the template into the workspace as it is.</summary>
internal sealed class FetchPlainAction : IScaffolderAction
{
    public string Id => "fetch:plain";

    public string Description => "Copies a folder of the template into the workspace without rendering.";

    public JsonObject InputSchema => Schema.Value;

    // Parsed on first use: a run only needs the schemas of the actions its template uses.
    private static readonly Lazy<JsonObject> Schema = new(() => ActionSchemas.Object("""
        {
          "url": { "type": "string", "description": "Folder, relative to template.yaml." },
          "targetPath": { "type": "string", "default": "./" },
          "token": { "type": "string" }
        }
        """, "url"));

    public Task RunAsync(ActionContext context, CancellationToken cancellationToken)
    {
        var url = context.RequireString("url");
        var source = context.ResolveTemplatePath(url);
        if (!Directory.Exists(source)) throw new ActionException(context.StepId, $"the folder '{url}' does not exist in the template");
        var targetPath = context.GetString("targetPath") ?? "./";
        var count = 0;
        foreach (var (relative, content, mode) in SkeletonFiles.Read(source))
        {
            context.Workspace.Put(new GeneratedFile(RepoPath.Normalize(RepoPath.Combine(targetPath, relative)), content, mode));
            count++;
        }
        context.Log.Info(context.StepId, $"copied {count} files from {url}");
        return Task.CompletedTask;
    }
}
