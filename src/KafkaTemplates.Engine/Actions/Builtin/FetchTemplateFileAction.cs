using KafkaTemplates.Engine.Steps;
using System.Text.Json.Nodes;
using KafkaTemplates.Engine.FileSets;
using KafkaTemplates.Engine.Rendering;

namespace KafkaTemplates.Engine.Actions.Builtin;

/// <summary>Backstage's <c>fetch:template:file</c>: renders one file of the template to one path.</summary>
internal sealed class FetchTemplateFileAction : IScaffolderAction
{
    public string Id => "fetch:template:file";

    public string Description => "Renders one file of the template with values.";

    public JsonObject InputSchema => Schema.Value;

    // Parsed on first use: a run only needs the schemas of the actions its template uses.
    private static readonly Lazy<JsonObject> Schema = new(() => ActionSchemas.Object("""
        {
          "url": { "type": "string", "description": "File, relative to template.yaml." },
          "targetPath": { "type": "string", "description": "File path in the workspace." },
          "values": { "type": "object" },
          "replace": { "type": "boolean" },
          "cookiecutterCompat": { "type": "boolean" },
          "trimBlocks": { "type": "boolean" },
          "lstripBlocks": { "type": "boolean" },
          "token": { "type": "string" }
        }
        """, "url", "targetPath"));

    public Task RunAsync(ActionContext context, CancellationToken cancellationToken)
    {
        var (url, source, target) = SkeletonFiles.OneFile(context);
        if (context.Workspace.Contains(target) && !context.GetBool("replace"))
        {
            context.Log.Info(context.StepId, $"skipping {target}: it already exists (set replace: true to overwrite)");
            return Task.CompletedTask;
        }
        var content = SkeletonFiles.ReadOne(source);
        if (!BinaryDetector.IsBinary(content))
        {
            var values = new Dictionary<string, object?> { ["values"] = PlainValues.FromJson(context.Input["values"] ?? new JsonObject()) };
            var text = FetchTemplateAction.Render(context, GeneratedFile.Utf8NoBom.GetString(content), url, values);
            content = GeneratedFile.Utf8NoBom.GetBytes(text);
        }
        context.Workspace.Put(new GeneratedFile(target, content, SkeletonFiles.ModeOf(source)));
        context.Log.Info(context.StepId, $"rendered {url} to {target}");
        return Task.CompletedTask;
    }
}
