using KafkaTemplates.Engine.Steps;
using System.Text.Json.Nodes;
using KafkaTemplates.Engine.FileSets;

namespace KafkaTemplates.Engine.Actions.Builtin;

/// <summary>Backstage's <c>fs:delete</c>: removes files and folders matching globs from the workspace.</summary>
internal sealed class FsDeleteAction : IScaffolderAction
{
    public string Id => "fs:delete";

    public string Description => "Deletes files or folders matching globs from the workspace.";

    public JsonObject InputSchema => Schema.Value;

    // Parsed on first use: a run only needs the schemas of the actions its template uses.
    private static readonly Lazy<JsonObject> Schema = new(() => ActionSchemas.Object("""
        { "files": { "type": "array", "items": { "type": "string" } } }
        """, "files"));

    public Task RunAsync(ActionContext context, CancellationToken cancellationToken)
    {
        foreach (var pattern in FetchTemplateAction.Strings(context.Input["files"]))
        {
            var glob = new Glob(pattern);
            var folder = pattern.TrimEnd('/');
            var matches = context.Workspace.Paths
                .Where(p => glob.IsMatch(p) || p.StartsWith(folder + "/", StringComparison.Ordinal)
                            || Parents(p).Any(glob.IsMatch))
                .ToList();
            foreach (var path in matches) context.Workspace.Remove(path);
            context.Log.Info(context.StepId, $"deleted {matches.Count} files matching {pattern}");
        }
        return Task.CompletedTask;
    }

    private static IEnumerable<string> Parents(string path)
    {
        for (var p = RepoPath.Parent(path); p is not null; p = RepoPath.Parent(p)) yield return p;
    }
}
