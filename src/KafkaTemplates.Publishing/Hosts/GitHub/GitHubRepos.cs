using System.Text.Json.Nodes;

namespace KafkaTemplates.Publishing.Hosts.GitHub;

/// <summary>A repository on GitHub as publish:github reports it: where git pushes and its page.</summary>
internal sealed record GitHubRepo(string CloneUrl, string HtmlUrl);

/// <summary>
/// Creates a repository as Backstage's publish:github does: in an organisation (<c>POST /orgs/{org}/repos</c>) or for the
/// token's user (<c>POST /user/repos</c>), as GitHub says the owner is, then team and user access and topics. A name
/// that exists is only taken over when that repository is still empty (a run that created it and failed to push), so
/// a rerun finishes the job.
/// </summary>
internal static class GitHubRepos
{
    public static async Task<(GitHubRepo Repo, bool Existed)> CreateAsync(GitHubConnection github, GitHubRepoRequest request, Action<string> log,
        CancellationToken cancellationToken)
    {
        var (owner, name) = (request.Repo.Owner, request.Repo.Repo);
        var (ownerPath, repoPath) = (Uri.EscapeDataString(owner), $"repos/{Uri.EscapeDataString(owner)}/{Uri.EscapeDataString(name)}");
        var lookUp = $"look up the owner '{owner}'";
        var ownerAccount = await github.SendAsync(HttpMethod.Get, "users/" + ownerPath, null, lookUp, log, cancellationToken);
        var isOrganization = github.Field(ownerAccount, "type", lookUp) == "Organization";
        if (!isOrganization && request.CustomProperties.Count > 0)
        {
            // Backstage sends custom properties only when it creates in an organisation, so a template naming a user still runs.
            log($"warning: skipped input 'customProperties': '{owner}' is a user, and only organisation repositories have custom properties");
            request = request with { CustomProperties = [] };
        }
        GitHubRepo repo;
        var existed = false;
        var create = $"create the repository {owner}/{name}";
        try
        {
            var created = await github.SendAsync(HttpMethod.Post, isOrganization ? $"orgs/{ownerPath}/repos" : "user/repos", CreateBody(request, isOrganization), create, log, cancellationToken);
            repo = Read(github, created, create);
            log($"created {repo.HtmlUrl}");
        }
        catch (GitHubAnswer a) when (a.Status == 422 && a.Errors.Any(e => e.Contains("name already exists", StringComparison.OrdinalIgnoreCase)))
        {
            var read = $"read the repository {owner}/{name}";
            repo = Read(github, await github.SendAsync(HttpMethod.Get, repoPath, null, read, log, cancellationToken), read);
            // An empty repository has no branch: GET /repos/{owner}/{repo}/branches answers [] until the first push.
            var branches = await github.SendAsync(HttpMethod.Get, repoPath + "/branches?per_page=1&page=1", null, $"list the branches of {owner}/{name}", log, cancellationToken);
            if (branches is JsonArray { Count: > 0 })
                throw new PublishException($"the repository {owner}/{name} already exists on GitHub at {github.Host.Host} ({repo.HtmlUrl}) and holds commits; choose another name. Nothing was pushed", a);
            existed = true;
            log($"{repo.HtmlUrl} exists and is empty (an earlier run created it and could not push); finishing it");
        }

        if (isOrganization)
        {
            var teams = request.Collaborators.Where(c => c.Team is not null).Select(c => (Team: c.Team!, c.Access)).ToList();
            if (request.Access is { } access && access.StartsWith(owner + "/", StringComparison.Ordinal)) teams.Insert(0, (access[(owner.Length + 1)..], "admin"));
            foreach (var (team, permission) in teams)
            {
                // PUT /orgs/{org}/teams/{team_slug}/repos/{owner}/{repo}, as Backstage's addOrUpdateRepoPermissionsInOrg.
                await github.SendAsync(HttpMethod.Put, $"orgs/{ownerPath}/teams/{Uri.EscapeDataString(team)}/{repoPath}", new JsonObject { ["permission"] = permission },
                    $"give the team {owner}/{team} {permission} access", log, cancellationToken);
                log($"gave the team {owner}/{team} {permission} access");
            }
        }
        var users = request.Collaborators.Where(c => c.User is not null).Select(c => (User: c.User!, c.Access)).ToList();
        if (request.Access is { } userAccess && !userAccess.Contains('/') && userAccess != owner) users.Insert(0, (userAccess, "admin"));
        foreach (var (user, permission) in users)
        {
            await github.SendAsync(HttpMethod.Put, $"{repoPath}/collaborators/{Uri.EscapeDataString(user)}", new JsonObject { ["permission"] = permission },
                $"give {user} {permission} access", log, cancellationToken);
            log($"gave {user} {permission} access");
        }
        if (request.Topics.Count > 0)
            await github.SendAsync(HttpMethod.Put, repoPath + "/topics", new JsonObject { ["names"] = Strings(request.Topics) }, "set the repository's topics", log, cancellationToken);
        await ApplySettingsAsync(github, request, log, cancellationToken);
        return (repo, existed);
    }

    /// <summary>The create call's body in GitHub's documented shape; settings the template leaves out are left to GitHub's defaults.</summary>
    internal static JsonObject CreateBody(GitHubRepoRequest request, bool isOrganization)
    {
        var body = new JsonObject { ["name"] = request.Repo.Repo };
        if (request.Description is { } description) body["description"] = description;
        if (request.Homepage is { } homepage) body["homepage"] = homepage;
        body["private"] = request.Visibility != "public";
        // Only organisations have internal repositories; a user's are public or private.
        if (isOrganization) body["visibility"] = request.Visibility is "public" or "internal" ? request.Visibility : "private";
        foreach (var (field, value) in new (string, bool?)[]
        {
            ("has_issues", request.HasIssues), ("has_wiki", request.HasWiki), ("has_projects", request.HasProjects),
            ("allow_merge_commit", request.AllowMergeCommit), ("allow_squash_merge", request.AllowSquashMerge), ("allow_rebase_merge", request.AllowRebaseMerge),
            ("allow_auto_merge", request.AllowAutoMerge), ("delete_branch_on_merge", request.DeleteBranchOnMerge),
        })
        {
            if (value is { } flag) body[field] = flag;
        }
        return body;
    }

    private static GitHubRepo Read(GitHubConnection github, JsonNode? repo, string what) =>
        new(github.Field(repo, "clone_url", what), github.Field(repo, "html_url", what));

    private static JsonArray Strings(IEnumerable<string> values) => new([.. values.Select(v => JsonValue.Create(v))]);

    /// <summary>What the create call does not carry for a rerun: squash-merge commit defaults, Actions variables, then secrets, OIDC and custom properties, a subscription.</summary>
    private static async Task ApplySettingsAsync(GitHubConnection github, GitHubRepoRequest request, Action<string> log, CancellationToken cancellationToken)
    {
        var (owner, name) = (request.Repo.Owner, request.Repo.Repo);
        var repoPath = $"repos/{Uri.EscapeDataString(owner)}/{Uri.EscapeDataString(name)}";
        if (request.SquashMergeCommitTitle is not null || request.SquashMergeCommitMessage is not null)
        {
            var update = new JsonObject();
            if (request.SquashMergeCommitTitle is { } title) update["squash_merge_commit_title"] = title;
            if (request.SquashMergeCommitMessage is { } message) update["squash_merge_commit_message"] = message;
            await github.SendAsync(HttpMethod.Patch, repoPath, update, "set the squash-merge commit defaults", log, cancellationToken);
        }
        foreach (var (variable, value) in request.Variables)
        {
            var body = new JsonObject { ["name"] = variable, ["value"] = value };
            var what = $"set the Actions variable {variable}";
            try
            {
                await github.SendAsync(HttpMethod.Post, repoPath + "/actions/variables", body, what, log, cancellationToken);
            }
            catch (GitHubAnswer a) when (a.Status == 409)
            {
                // Set by an earlier run that could not push: update it instead.
                await github.SendAsync(HttpMethod.Patch, $"{repoPath}/actions/variables/{Uri.EscapeDataString(variable)}", body, what, log, cancellationToken);
            }
            log($"set the Actions variable {variable}");
        }
        await GitHubActionsSettings.ApplyAsync(github, request, log, cancellationToken);
        if (request.Subscribe)
            await github.SendAsync(HttpMethod.Put, repoPath + "/subscription", new JsonObject { ["subscribed"] = true, ["ignored"] = false }, "subscribe to the repository", log, cancellationToken);
    }
}
