using System.Text.Json.Nodes;
using KafkaTemplates.Engine.Actions;
using KafkaTemplates.Engine.Actions.Builtin;
using KafkaTemplates.Publishing.Git;
using KafkaTemplates.Publishing.Hosts;
using KafkaTemplates.Publishing.Hosts.GitHub;
using KafkaTemplates.Publishing.Settings;

namespace KafkaTemplates.Publishing.Actions;

/// <summary>
/// Backstage's <c>publish:github</c>: creates the repository (organisation or user, visibility, description, team and
/// user access, topics) through GitHub's REST API and pushes the workspace as its first commit. Outputs remoteUrl,
/// repoContentsUrl and commitHash as Backstage does. The token is the configured host's, never a template input.
/// </summary>
internal sealed class PublishGitHubAction(PublishSettings settings) : IScaffolderAction
{
    public string Id => "publish:github";

    public string Description => "Creates a GitHub repository and pushes the repo to it as the first commit.";

    public JsonObject InputSchema => Schema.Value;

    public JsonObject OutputSchema => PublishStep.Outputs("""
        {
          "remoteUrl": { "type": "string", "description": "A URL to the repository with the provider" },
          "repoContentsUrl": { "type": "string", "description": "A URL to the root of the repository" },
          "commitHash": { "type": "string", "description": "The git commit hash of the initial commit" }
        }
        """);

    public bool PublishesWorkspace => true;

    private static readonly Lazy<JsonObject> Schema = new(() => ActionSchemas.Object($$"""
        {
          "repoUrl": { "type": "string", "description": "Repository location: github.com?owner=<owner>&repo=<name>" },
          "description": { "type": "string" },
          "homepage": { "type": "string" },
          "access": { "type": "string", "description": "Gives admin access to a team (owner/team-slug) or a user" },
          "repoVisibility": { "type": "string", "enum": ["private", "internal", "public"], "default": "private" },
          "collaborators": {
            "type": "array",
            "items": {
              "type": "object",
              "additionalProperties": false,
              "required": ["access"],
              "properties": {
                "user": { "type": "string" },
                "team": { "type": "string" },
                "access": { "type": "string", "enum": ["pull", "triage", "push", "maintain", "admin"] }
              }
            }
          },
          "topics": { "type": "array", "items": { "type": "string", "pattern": "^[a-z0-9][a-z0-9-]{0,49}$" } },
          "hasIssues": { "type": "boolean" },
          "hasWiki": { "type": "boolean" },
          "hasProjects": { "type": "boolean" },
          "allowMergeCommit": { "type": "boolean" },
          "allowSquashMerge": { "type": "boolean" },
          "allowRebaseMerge": { "type": "boolean" },
          "allowAutoMerge": { "type": "boolean" },
          "deleteBranchOnMerge": { "type": "boolean" },
          "squashMergeCommitTitle": { "type": "string", "enum": ["PR_TITLE", "COMMIT_OR_PR_TITLE"] },
          "squashMergeCommitMessage": { "type": "string", "enum": ["PR_BODY", "COMMIT_MESSAGES", "BLANK"] },
          "repoVariables": { "type": "object", "description": "GitHub Actions variables of the repository", "additionalProperties": { "type": "string" } },
          "secrets": { "type": "object", "description": "GitHub Actions secrets of the repository; values are encrypted to the repository's key and never logged", "additionalProperties": { "type": "string" } },
          "oidcCustomization": {
            "type": "object",
            "description": "The OIDC subject claim customization of the repository's Actions",
            "additionalProperties": false,
            "required": ["useDefault"],
            "properties": {
              "useDefault": { "type": "boolean", "description": "Keep GitHub's default subject claim; when false, includeClaimKeys builds it" },
              "includeClaimKeys": { "type": "array", "items": { "type": "string" } }
            }
          },
          "customProperties": { "type": "object", "description": "Custom property values of the repository (organisation repositories only), by property name", "additionalProperties": { "type": ["string", "array"], "items": { "type": "string" } } },
          "subscribe": { "type": "boolean", "default": false, "description": "Watch the repository as the token's user" },
          "protectDefaultBranch": { "type": "boolean", "default": true, "description": "Protect the default branch after the first push" },
          "protectEnforceAdmins": { "type": "boolean", "default": true, "description": "Hold admins to the branch protection too" },
          "requireCodeOwnerReviews": { "type": "boolean", "default": false },
          "dismissStaleReviews": { "type": "boolean", "default": false },
          "requireLastPushApproval": { "type": "boolean", "default": false },
          "requiredApprovingReviewCount": { "type": "integer", "minimum": 0, "maximum": 6, "default": 1 },
          "requiredStatusCheckContexts": { "type": "array", "items": { "type": "string" }, "default": [] },
          "requireBranchesToBeUpToDate": { "type": "boolean", "default": true },
          "requiredConversationResolution": { "type": "boolean", "default": false },
          "requiredCommitSigning": { "type": "boolean", "default": false },
          "requiredLinearHistory": { "type": "boolean", "default": false },
          "bypassPullRequestAllowances": {
            "type": "object",
            "additionalProperties": false,
            "properties": {
              "users": { "type": "array", "items": { "type": "string" } },
              "teams": { "type": "array", "items": { "type": "string" } },
              "apps": { "type": "array", "items": { "type": "string" } }
            }
          },
          "restrictions": {
            "type": "object",
            "additionalProperties": false,
            "required": ["users", "teams"],
            "properties": {
              "users": { "type": "array", "items": { "type": "string" } },
              "teams": { "type": "array", "items": { "type": "string" } },
              "apps": { "type": "array", "items": { "type": "string" } }
            }
          },
          "token": { "type": "string", "description": "Refused: the token comes from the environment (GITHUB_TOKEN)" },
          {{PublishStep.CommonInputs}}
        }
        """, "repoUrl"));

    public async Task RunAsync(ActionContext context, CancellationToken cancellationToken)
    {
        PublishStep.RefuseTokenInput(context, PublishSettings.GitHubTokenVariable);
        var log = PublishStep.Log(context);
        try
        {
            var repoUrl = RepoUrl.Parse(context.RequireString("repoUrl"));
            var host = settings.Find(HostKind.GitHub, repoUrl.Host)
                ?? throw new PublishException($"input 'repoUrl' names the host '{repoUrl.Host}', which is not the configured GitHub host ({string.Join(", ", settings.Hosts.Where(h => h.Kind == HostKind.GitHub).Select(h => h.Host))}); set {PublishSettings.GitHubHostVariable} and {PublishSettings.GitHubApiVariable} for GitHub Enterprise");
            var github = new GitHubConnection(host, settings.Retry);
            var commit = PublishStep.Commit(context);
            var (repo, existed) = await GitHubRepos.CreateAsync(github, Request(context, repoUrl), log, cancellationToken);
            string hash;
            try
            {
                hash = await RepoPusher.PushInitialAsync(PublishStep.Files(context), new Uri(repo.CloneUrl), commit, github.GitCredentials, settings.Retry, log, cancellationToken);
            }
            catch (Exception e) when (e is PublishException or GitCommandException)
            {
                var what = existed ? $"the repository {repo.HtmlUrl} exists and is empty, but pushing to it failed" : $"created the repository {repo.HtmlUrl} but could not push to it";
                throw new PublishException($"{what}: {e.Message}. The repository is left empty; run again with the same name and the rerun pushes into it", e);
            }
            await GitHubBranchProtection.ApplyAsync(github, repoUrl, commit.Branch, Protection(context), log, PublishStep.Warn(context), cancellationToken);
            context.Output("remoteUrl", repo.CloneUrl);
            context.Output("repoContentsUrl", $"{repo.HtmlUrl}/blob/{commit.Branch}");
            context.Output("commitHash", hash);
            log($"pushed {hash[..12]} to {repo.HtmlUrl} ({commit.Branch})");
        }
        catch (PublishException e)
        {
            throw new ActionException(context.StepId, e.Message, e);
        }
    }

    private static GitHubRepoRequest Request(ActionContext context, RepoUrl repo)
    {
        bool? Flag(string key) => context.Input[key] is JsonValue v && v.TryGetValue<bool>(out var b) ? b : null;
        return new GitHubRepoRequest
        {
            Repo = repo,
            Description = context.GetString("description"),
            Homepage = context.GetString("homepage"),
            Visibility = context.GetString("repoVisibility") ?? "private",
            Access = context.GetString("access"),
            Collaborators = context.Input["collaborators"] is JsonArray list
                ? [.. list.OfType<JsonObject>().Select(c => (c["user"]?.GetValue<string>(), c["team"]?.GetValue<string>(), c["access"]!.GetValue<string>()))]
                : [],
            Topics = context.Input["topics"] is JsonArray topics ? [.. topics.Select(t => t!.GetValue<string>())] : [],
            HasIssues = Flag("hasIssues"),
            HasWiki = Flag("hasWiki"),
            HasProjects = Flag("hasProjects"),
            AllowMergeCommit = Flag("allowMergeCommit"),
            AllowSquashMerge = Flag("allowSquashMerge"),
            AllowRebaseMerge = Flag("allowRebaseMerge"),
            AllowAutoMerge = Flag("allowAutoMerge"),
            DeleteBranchOnMerge = Flag("deleteBranchOnMerge"),
            SquashMergeCommitTitle = context.GetString("squashMergeCommitTitle"),
            SquashMergeCommitMessage = context.GetString("squashMergeCommitMessage"),
            Variables = context.Input["repoVariables"] is JsonObject variables
                ? [.. variables.Select(v => KeyValuePair.Create(v.Key, v.Value?.GetValue<string>() ?? ""))]
                : [],
            Secrets = context.Input["secrets"] is JsonObject secrets
                ? [.. secrets.Select(v => KeyValuePair.Create(v.Key, v.Value?.GetValue<string>() ?? ""))]
                : [],
            OidcCustomization = context.Input["oidcCustomization"] is JsonObject oidc
                ? new GitHubOidcCustomization(oidc["useDefault"]!.GetValue<bool>(), oidc["includeClaimKeys"] is JsonArray keys ? [.. keys.Select(k => k!.GetValue<string>())] : null)
                : null,
            CustomProperties = context.Input["customProperties"] is JsonObject properties
                ? [.. properties.Select(p => KeyValuePair.Create(p.Key, p.Value?.DeepClone()))]
                : [],
            Subscribe = context.GetBool("subscribe"),
        };
    }

    private static GitHubProtectionRequest Protection(ActionContext context) => new()
    {
        Protect = context.GetBool("protectDefaultBranch", fallback: true),
        EnforceAdmins = context.GetBool("protectEnforceAdmins", fallback: true),
        RequireCodeOwnerReviews = context.GetBool("requireCodeOwnerReviews"),
        DismissStaleReviews = context.GetBool("dismissStaleReviews"),
        RequireLastPushApproval = context.GetBool("requireLastPushApproval"),
        RequiredApprovingReviewCount = context.Input["requiredApprovingReviewCount"] is JsonValue count ? (int)double.Parse(count.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture) : 1,
        RequiredStatusCheckContexts = context.Input["requiredStatusCheckContexts"] is JsonArray checks ? [.. checks.Select(c => c!.GetValue<string>())] : [],
        RequireBranchesToBeUpToDate = context.GetBool("requireBranchesToBeUpToDate", fallback: true),
        RequiredConversationResolution = context.GetBool("requiredConversationResolution"),
        RequiredCommitSigning = context.GetBool("requiredCommitSigning"),
        RequiredLinearHistory = context.GetBool("requiredLinearHistory"),
        BypassPullRequestAllowances = context.Input["bypassPullRequestAllowances"] as JsonObject,
        Restrictions = context.Input["restrictions"] as JsonObject,
    };
}
