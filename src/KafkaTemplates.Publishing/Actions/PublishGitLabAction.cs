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
/// created as Backstage does. A push that fails deletes the project it created, so no empty project is left. The
/// token is the configured host's, never a template input.
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
          "token": { "type": "string", "description": "Refused: the token comes from the environment (GITLAB_TOKEN)" },
          {{PublishStep.CommonInputs}}
        }
        """, "repoUrl"));

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
            var project = await GitLabProjects.CreateAsync(gitlab, Request(context, repoUrl, commit.Branch), log, cancellationToken);
            string hash;
            try
            {
                hash = await RepoPusher.PushInitialAsync(files, new Uri(project.HttpUrlToRepo), commit, gitlab.GitCredentials, settings.Retry, log, cancellationToken);
            }
            catch (Exception e) when (e is PublishException or GitCommandException)
            {
                var left = await GitLabProjects.DeleteAsync(gitlab, project, log, CancellationToken.None);
                throw new PublishException($"could not push to the new project {project.WebUrl}: {e.Message}; {left}", e);
            }
            context.Output("remoteUrl", project.HttpUrlToRepo);
            context.Output("repoContentsUrl", $"{project.WebUrl}/-/blob/{commit.Branch}");
            context.Output("projectId", project.Id);
            context.Output("commitHash", hash);
            context.Output("created", true);
            log($"pushed {hash[..12]} to {project.WebUrl} ({commit.Branch})");
        }
        catch (PublishException e)
        {
            throw new ActionException(context.StepId, e.Message, e);
        }
    }

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
