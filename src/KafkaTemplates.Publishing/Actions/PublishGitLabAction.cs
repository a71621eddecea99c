using System.Text.Json.Nodes;
using KafkaTemplates.Engine.Actions;
using KafkaTemplates.Engine.Actions.Builtin;
using KafkaTemplates.Publishing.Git;
using KafkaTemplates.Publishing.Hosts;
using KafkaTemplates.Publishing.Hosts.GitLab;
using KafkaTemplates.Publishing.Settings;

namespace KafkaTemplates.Publishing.Actions;

/// <summary>
/// Backstage's <c>publish:gitlab</c>: creates the project in a group, subgroup or user namespace through GitLab's REST
/// API v4 and pushes the workspace as its first commit. Outputs remoteUrl, repoContentsUrl, projectId, commitHash and
/// created as Backstage does, and takes its setUserAsOwner, branches, projectVariables and skipExisting. A push that
/// fails leaves the project empty and says so with its URL; a rerun with the same name pushes into that empty project.
/// The token is the configured host's, never a template input.
/// </summary>
internal sealed class PublishGitLabAction(PublishSettings settings) : IScaffolderAction
{
    public string Id => "publish:gitlab";

    public string Description => "Creates a GitLab project and pushes the repo to it as the first commit.";

    public JsonObject InputSchema => Schema.Value;

    public JsonObject OutputSchema => PublishStep.Outputs("""
        {
          "remoteUrl": { "type": "string", "description": "A URL to the repository with the provider" },
          "repoContentsUrl": { "type": "string", "description": "A URL to the root of the repository" },
          "projectId": { "type": "integer", "description": "The ID of the project" },
          "commitHash": { "type": "string", "description": "The git commit hash of the initial commit" },
          "created": { "type": "boolean", "description": "Whether the project was created by this action" }
        }
        """);

    public bool PublishesWorkspace => true;

    private static readonly Lazy<JsonObject> Schema = new(() => ActionSchemas.Object($$"""
        {
          "repoUrl": { "type": "string", "description": "Project location: gitlab.com?owner=<group/subgroup or user>&repo=<name>" },
          "repoVisibility": { "type": "string", "enum": ["private", "internal", "public"], "default": "private" },
          "description": { "type": "string", "description": "The project's description (settings.description wins)." },
          "topics": { "type": "array", "items": { "type": "string" } },
          "settings": {
            "type": "object",
            "description": "Further attributes of GitLab's create-project call.",
            "additionalProperties": false,
            "properties": {
              "path": { "type": "string", "pattern": "^[A-Za-z0-9_][A-Za-z0-9_.-]*$" },
              "description": { "type": "string" },
              "topics": { "type": "array", "items": { "type": "string" } },
              "visibility": { "type": "string", "enum": ["private", "internal", "public"] },
              "auto_devops_enabled": { "type": "boolean" },
              "ci_config_path": { "type": "string" },
              "merge_method": { "type": "string", "enum": ["merge", "rebase_merge", "ff"] },
              "squash_option": { "type": "string", "enum": ["default_off", "default_on", "never", "always"] },
              "only_allow_merge_if_all_discussions_are_resolved": { "type": "boolean" },
              "only_allow_merge_if_pipeline_succeeds": { "type": "boolean" },
              "allow_merge_on_skipped_pipeline": { "type": "boolean" }
            }
          },
          "skipExisting": { "type": "boolean", "default": false, "description": "Do not publish when the project exists and holds commits: output its URLs with created false." },
          "setUserAsOwner": { "type": "boolean", "default": false, "description": "Make the token's user an owner (access level 50) of the new project." },
          "branches": {
            "type": "array",
            "description": "Branches to create from a ref and/or protect after the push.",
            "items": {
              "type": "object",
              "additionalProperties": false,
              "required": ["name"],
              "properties": {
                "name": { "type": "string" },
                "protect": { "type": "boolean", "default": false },
                "create": { "type": "boolean", "default": false },
                "ref": { "type": "string", "description": "The ref to create the branch from; the default branch when not given." }
              }
            }
          },
          "projectVariables": {
            "type": "array",
            "description": "CI/CD variables of the project, as GitLab's project-level variables API takes them.",
            "items": {
              "type": "object",
              "additionalProperties": false,
              "required": ["key", "value"],
              "properties": {
                "key": { "type": "string", "pattern": "^[A-Za-z0-9_]{1,255}$" },
                "value": { "type": "string" },
                "description": { "type": "string" },
                "variable_type": { "type": "string", "enum": ["env_var", "file"], "default": "env_var" },
                "protected": { "type": "boolean", "default": false },
                "masked": { "type": "boolean", "default": false },
                "raw": { "type": "boolean", "default": false },
                "environment_scope": { "type": "string", "default": "*" }
              }
            }
          },
          "token": { "type": "string", "description": "Refused: the token comes from the environment (GITLAB_TOKEN)" },
          {{PublishStep.CommonInputs.Replace(PublishStep.SourcePathInput, SourcePathInput, StringComparison.Ordinal)}}
        }
        """, "repoUrl"));

    /// <summary>Backstage's publish:gitlab also takes true (the whole workspace) or false (create the project empty).</summary>
    private const string SourcePathInput = """
          "sourcePath": { "type": ["string", "boolean"], "description": "Publish only this folder of the workspace, as the repo's root; true: the whole workspace; false: create the project and push nothing." },
        """;

    public async Task RunAsync(ActionContext context, CancellationToken cancellationToken)
    {
        PublishStep.RefuseTokenInput(context, PublishSettings.GitLabTokenVariable);
        var log = PublishStep.Log(context);
        try
        {
            var repoUrl = RepoUrl.Parse(context.RequireString("repoUrl"));
            var host = settings.Find(HostKind.GitLab, repoUrl.Host)
                ?? throw new PublishException($"input 'repoUrl' names the host '{repoUrl.Host}', which is not the configured GitLab host ({string.Join(", ", settings.Hosts.Where(h => h.Kind == HostKind.GitLab).Select(h => h.Host))}); set {PublishSettings.GitLabHostVariable} and {PublishSettings.GitLabApiVariable} for a self-managed GitLab");
            var gitlab = new GitLabClient(host, settings.Retry);
            var commit = PublishStep.Commit(context);
            var files = PublishStep.Files(context);
            var project = await GitLabProjects.CreateAsync(gitlab, Request(context, repoUrl, commit.Branch), context.GetBool("skipExisting"), log, cancellationToken);
            if (!project.Empty)
            {
                // skipExisting and a project that holds commits: Backstage's outputs for it, nothing pushed.
                var branch = project.DefaultBranch ?? commit.Branch;
                context.Output("remoteUrl", project.HttpUrlToRepo);
                context.Output("repoContentsUrl", $"{project.WebUrl}/-/blob/{branch}");
                context.Output("projectId", project.Id);
                context.Output("created", false);
                return;
            }
            if (context.GetBool("setUserAsOwner")) await GitLabProjectSettings.SetUserAsOwnerAsync(gitlab, project, log, cancellationToken);
            if (context.Input["sourcePath"] is JsonValue source && source.TryGetValue<bool>(out var publish) && !publish)
            {
                // sourcePath: false asks for an empty project, as in Backstage: no push, no branches, the variables still.
                await GitLabProjectSettings.AddVariablesAsync(gitlab, project, Variables(context), log, cancellationToken);
                context.Output("remoteUrl", project.HttpUrlToRepo);
                context.Output("repoContentsUrl", $"{project.WebUrl}/-/blob/{commit.Branch}");
                context.Output("projectId", project.Id);
                context.Output("created", project.Created);
                log($"left {project.WebUrl} empty (sourcePath: false)");
                return;
            }
            string hash;
            try
            {
                hash = await RepoPusher.PushInitialAsync(files, new Uri(project.HttpUrlToRepo), commit, gitlab.GitCredentials, settings.Retry, log, cancellationToken);
            }
            catch (Exception e) when (e is PublishException or GitCommandException)
            {
                var what = project.Created ? $"created the project {project.WebUrl} (id {project.Id}) but could not push to it" : $"the project {project.WebUrl} (id {project.Id}) exists and is empty, but pushing to it failed";
                throw new PublishException($"{what}: {e.Message}. The project is left empty; run again with the same name and the rerun pushes into it", e);
            }
            await GitLabProjectSettings.ApplyBranchesAsync(gitlab, project, Branches(context, commit.Branch), log, cancellationToken);
            await GitLabProjectSettings.AddVariablesAsync(gitlab, project, Variables(context), log, cancellationToken);
            context.Output("remoteUrl", project.HttpUrlToRepo);
            context.Output("repoContentsUrl", $"{project.WebUrl}/-/blob/{commit.Branch}");
            context.Output("projectId", project.Id);
            context.Output("commitHash", hash);
            context.Output("created", project.Created);
            log($"pushed {hash[..12]} to {project.WebUrl} ({commit.Branch})");
        }
        catch (PublishException e)
        {
            throw new ActionException(context.StepId, e.Message, e);
        }
    }

    private static List<GitLabBranch> Branches(ActionContext context, string defaultBranch) =>
        context.Input["branches"] is JsonArray list
            ? [.. list.OfType<JsonObject>().Select(b => new GitLabBranch(
                b["name"]!.GetValue<string>(),
                b["protect"]?.GetValue<bool>() ?? false,
                b["create"]?.GetValue<bool>() ?? false,
                // Backstage's default ref is its default branch, 'master'; ours is 'main', so the default branch it is.
                b["ref"]?.GetValue<string>() ?? defaultBranch))]
            : [];

    private static List<GitLabVariable> Variables(ActionContext context) =>
        context.Input["projectVariables"] is JsonArray list
            ? [.. list.OfType<JsonObject>().Select(v => new GitLabVariable(
                v["key"]!.GetValue<string>(),
                v["value"]!.GetValue<string>(),
                v["description"]?.GetValue<string>(),
                v["variable_type"]?.GetValue<string>() ?? "env_var",
                v["protected"]?.GetValue<bool>() ?? false,
                v["masked"]?.GetValue<bool>() ?? false,
                v["raw"]?.GetValue<bool>() ?? false,
                v["environment_scope"]?.GetValue<string>() ?? "*"))]
            : [];

    private static GitLabProjectRequest Request(ActionContext context, RepoUrl repo, string branch)
    {
        static List<string> Strings(JsonNode? node) => node is JsonArray list ? [.. list.Select(t => t!.GetValue<string>())] : [];
        return new GitLabProjectRequest
        {
            Repo = repo,
            Visibility = context.GetString("repoVisibility") ?? "private",
            DefaultBranch = branch,
            Description = context.GetString("description"),
            Topics = Strings(context.Input["topics"]),
            Settings = context.Input["settings"] is JsonObject s ? s.DeepClone().AsObject() : [],
        };
    }
}
