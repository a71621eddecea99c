using System.Text.Json.Nodes;
using KafkaTemplates.Engine.FileSets;
using KafkaTemplates.Engine.Rendering;
using KafkaTemplates.Engine.Steps;

namespace KafkaTemplates.Engine.Actions.Builtin;

/// <summary>
/// Backstage's <c>fetch:template</c>: renders a skeleton folder into the workspace. Contents and paths are rendered
/// with <c>values</c>; files matching <c>copyWithoutTemplating</c> and binary files are copied byte for byte; a path
/// that renders empty, starts with <c>/</c> or holds <c>//</c> is skipped; existing files are kept unless <c>replace</c>.
/// </summary>
internal sealed class FetchTemplateAction : IScaffolderAction
{
    public string Id => "fetch:template";

    public string Description => "Renders a skeleton folder with values into the workspace.";

    public JsonObject InputSchema => Schema.Value;

    // Parsed on first use: a run only needs the schemas of the actions its template uses.
    private static readonly Lazy<JsonObject> Schema = new(() => ActionSchemas.Object("""
        {
          "url": { "type": "string", "description": "Skeleton folder, relative to template.yaml." },
          "targetPath": { "type": "string", "description": "Where in the workspace to put the files.", "default": "./" },
          "values": { "type": "object", "description": "Values the skeleton reads as values.*." },
          "copyWithoutTemplating": { "type": "array", "items": { "type": "string" }, "description": "Globs of files copied without rendering their contents." },
          "copyWithoutRender": { "type": "array", "items": { "type": "string" }, "description": "Deprecated name of copyWithoutTemplating." },
          "templateFileExtension": { "type": ["boolean", "string"], "description": "Render only files with this extension (true means .njk), dropping it." },
          "replace": { "type": "boolean", "description": "Overwrite files already in the workspace." },
          "cookiecutterCompat": { "type": "boolean", "description": "Not supported: templates use values.*." },
          "trimBlocks": { "type": "boolean" },
          "lstripBlocks": { "type": "boolean" },
          "token": { "type": "string" }
        }
        """, "url"));

    public Task RunAsync(ActionContext context, CancellationToken cancellationToken)
    {
        if (context.GetBool("cookiecutterCompat"))
            throw new ActionException(context.StepId, "cookiecutterCompat is not supported; write ${{ values.x }} instead of {{ cookiecutter.x }}");
        var url = context.RequireString("url");
        var source = context.ResolveTemplatePath(url);
        if (!Directory.Exists(source))
            throw new ActionException(context.StepId, $"the skeleton folder '{url}' does not exist in the template");
        var targetPath = context.GetString("targetPath") ?? "./";
        var values = new Dictionary<string, object?> { ["values"] = PlainValues.FromJson(context.Input["values"] ?? new JsonObject()) };
        var copyOnly = Strings(context.Input["copyWithoutTemplating"] ?? context.Input["copyWithoutRender"]).Select(g => new Glob(g)).ToList();
        var extension = context.Input["templateFileExtension"] switch
        {
            JsonValue v when v.TryGetValue<bool>(out var b) => b ? ".njk" : null,
            JsonValue v when v.TryGetValue<string>(out var s) => s.StartsWith('.') ? s : "." + s,
            _ => null,
        };
        var replace = context.GetBool("replace");

        var written = 0;
        foreach (var (relative, content, mode) in SkeletonFiles.Read(source))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var sourceName = RepoPath.Combine(url.TrimStart('.', '/'), relative);
            bool renderContents;
            var outputPath = relative;
            if (extension is not null)
            {
                renderContents = relative.EndsWith(extension, StringComparison.Ordinal);
                if (renderContents) outputPath = relative[..^extension.Length];
            }
            else
            {
                renderContents = !Glob.MatchesAny(copyOnly, relative);
            }
            outputPath = Render(context, outputPath, sourceName + " (path)", values);
            if (IsSkipped(outputPath))
            {
                context.Log.Debug(context.StepId, $"skipping {relative}: its path renders empty");
                continue;
            }

            var target = RepoPath.Normalize(RepoPath.Combine(targetPath, outputPath), $"the path of {relative}");
            if (context.Workspace.Contains(target) && !replace)
            {
                context.Log.Info(context.StepId, $"skipping {target}: it already exists (set replace: true to overwrite)");
                continue;
            }

            var bytes = content;
            if (renderContents && !BinaryDetector.IsBinary(content))
            {
                var text = GeneratedFile.Utf8NoBom.GetString(content);
                bytes = GeneratedFile.Utf8NoBom.GetBytes(Render(context, text, sourceName, values));
            }
            context.Workspace.Put(new GeneratedFile(target, bytes, mode));
            written++;
        }
        context.Log.Info(context.StepId, $"rendered {written} files from {url}");
        return Task.CompletedTask;
    }

    /// <summary>Backstage's rule: an empty path, a path from the root, or one with an empty folder means "skip".</summary>
    internal static bool IsSkipped(string renderedPath) =>
        renderedPath.Length == 0 || renderedPath.StartsWith('/') || renderedPath.Contains("//", StringComparison.Ordinal);

    internal static string Render(ActionContext context, string text, string sourceName, IReadOnlyDictionary<string, object?> values)
    {
        try
        {
            return context.Renderer.Render(text, sourceName, values, context.Budget);
        }
        catch (RenderException e)
        {
            throw new ActionException(context.StepId, e.Message, e);
        }
    }

    internal static IEnumerable<string> Strings(JsonNode? node) =>
        node is JsonArray a ? a.Select(x => x?.ToString() ?? "").Where(s => s.Length > 0) : [];
}
