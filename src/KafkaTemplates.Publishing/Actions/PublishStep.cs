using System.Text.Json.Nodes;
using KafkaTemplates.Engine.Actions;
using KafkaTemplates.Engine.FileSets;
using KafkaTemplates.Engine.Steps;
using KafkaTemplates.Publishing.Git;

namespace KafkaTemplates.Publishing.Actions;

/// <summary>What every publish:* action reads the same way: the files to push, the first commit, the log, and its errors.</summary>
internal static class PublishStep
{
    /// <summary>The sourcePath line of <see cref="CommonInputs"/>, which an action may widen.</summary>
    public const string SourcePathInput = """
          "sourcePath": { "type": "string", "description": "Publish only this folder of the workspace, as the repo's root." },
        """;

    /// <summary>The inputs every publish:* action shares with Backstage's.</summary>
    public const string CommonInputs = """
          "defaultBranch": { "type": "string", "description": "The branch the first commit goes to.", "default": "main" },
          "sourcePath": { "type": "string", "description": "Publish only this folder of the workspace, as the repo's root." },
          "gitCommitMessage": { "type": "string", "description": "Message of the first commit.", "default": "initial commit" },
          "gitAuthorName": { "type": "string", "description": "Author of the first commit.", "default": "Scaffolder" },
          "gitAuthorEmail": { "type": "string", "description": "Author email of the first commit.", "default": "scaffolder@backstage.io" }
        """;

    public static JsonObject Outputs(string propertiesJson) => new()
    {
        ["type"] = "object",
        ["properties"] = JsonNode.Parse(propertiesJson),
    };

    public static InitialCommit Commit(ActionContext context) => new(
        context.GetString("defaultBranch") is { Length: > 0 } branch ? CheckBranch(context, branch) : "main",
        context.GetString("gitCommitMessage") ?? InitialCommit.DefaultMessage,
        context.GetString("gitAuthorName") ?? InitialCommit.DefaultAuthorName,
        context.GetString("gitAuthorEmail") ?? InitialCommit.DefaultAuthorEmail);

    /// <summary>The workspace, or the folder <c>sourcePath</c> names as the repo's root.</summary>
    public static FileSet Files(ActionContext context)
    {
        if (context.GetString("sourcePath") is not { Length: > 0 } source) return context.Workspace;
        var folder = RepoPath.Normalize(source, "sourcePath").TrimEnd('/') + "/";
        var files = new FileSet();
        foreach (var file in context.Workspace.Where(f => f.Path.StartsWith(folder, StringComparison.Ordinal)))
            files.Put(file with { Path = file.Path[folder.Length..] });
        if (files.Count == 0) throw new ActionException(context.StepId, $"input 'sourcePath': the workspace has no files under '{source}'");
        return files;
    }

    /// <summary>Backstage takes a <c>token</c> input; here tokens come from configuration only, so a template that passes one is told so.</summary>
    public static void RefuseTokenInput(ActionContext context, string variable)
    {
        if (context.Input.ContainsKey("token"))
            throw new ActionException(context.StepId, $"input 'token' is not taken: tokens come from the portal's or the CLI's environment ({variable}), never from a template or a form; remove the input");
    }

    public static Action<string> Log(ActionContext context) => message => context.Log.Write(ScaffoldLogLevel.Info, context.StepId, message);

    public static Action<string> Warn(ActionContext context) => message => context.Log.Write(ScaffoldLogLevel.Warning, context.StepId, message);

    private static string CheckBranch(ActionContext context, string branch) =>
        branch.StartsWith('-') || branch.Contains("..") || branch.Any(c => char.IsWhiteSpace(c) || c is '~' or '^' or ':' or '?' or '*' or '[' or '\\')
            ? throw new ActionException(context.StepId, $"input 'defaultBranch': '{branch}' is not a branch name")
            : branch;
}
