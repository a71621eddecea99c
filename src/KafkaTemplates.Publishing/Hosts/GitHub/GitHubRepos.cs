using Octokit;

namespace KafkaTemplates.Publishing.Hosts.GitHub;

/// <summary>
/// Creates a repository as Backstage's publish:github does: in an organisation or for the token's user (GitHub says
/// which the owner is), then team and user access and topics. A name that exists is only taken over when that
/// repository is still empty (a run that created it and failed to push), so a rerun finishes the job.
/// </summary>
internal static class GitHubRepos
{
    public static async Task<(Repository Repo, bool Existed)> CreateAsync(GitHubConnection github, GitHubRepoRequest request, Action<string> log,
        CancellationToken cancellationToken)
    {
        var (owner, name) = (request.Repo.Owner, request.Repo.Repo);
        var ownerAccount = await github.CallAsync($"look up the owner '{owner}'", c => c.User.Get(owner), log, cancellationToken);
        var isOrganization = ownerAccount.Type == AccountType.Organization;
        if (!isOrganization && request.CustomProperties.Count > 0)
        {
            // Backstage sends custom properties only when it creates in an organisation, so a template naming a user still runs.
            log($"warning: skipped input 'customProperties': '{owner}' is a user, and only organisation repositories have custom properties");
            request = request with { CustomProperties = [] };
        }
        var newRepo = new NewRepository(name)
        {
            Description = request.Description,
            Homepage = request.Homepage,
            Private = request.Visibility != "public",
            Visibility = request.Visibility switch { "public" => RepositoryVisibility.Public, "internal" => RepositoryVisibility.Internal, _ => RepositoryVisibility.Private },
            HasIssues = request.HasIssues,
            HasWiki = request.HasWiki,
            HasProjects = request.HasProjects,
            AllowMergeCommit = request.AllowMergeCommit,
            AllowSquashMerge = request.AllowSquashMerge,
            AllowRebaseMerge = request.AllowRebaseMerge,
            AllowAutoMerge = request.AllowAutoMerge,
            DeleteBranchOnMerge = request.DeleteBranchOnMerge,
        };
        Repository repo;
        var existed = false;
        try
        {
            repo = await github.CallAsync($"create the repository {owner}/{name}",
                c => isOrganization ? c.Repository.Create(owner, newRepo) : c.Repository.Create(newRepo), log, cancellationToken);
            log($"created {repo.HtmlUrl}");
        }
        catch (RepositoryExistsException)
        {
            repo = await github.CallAsync($"read the repository {owner}/{name}", c => c.Repository.Get(owner, name), log, cancellationToken);
            // An empty repository has no branch: GET /repos/{owner}/{repo}/branches answers [] until the first push.
            var branches = await github.CallAsync($"list the branches of {owner}/{name}",
                c => c.Repository.Branch.GetAll(owner, name, new ApiOptions { PageSize = 1, PageCount = 1, StartPage = 1 }), log, cancellationToken);
            if (branches.Count > 0)
                throw new PublishException($"the repository {owner}/{name} already exists on GitHub at {github.Host.Host} ({repo.HtmlUrl}) and holds commits; choose another name. Nothing was pushed");
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
                await github.CallAsync($"give the team {owner}/{team} {permission} access", async c =>
                {
                    await new ApiConnection(c.Connection).Put(new Uri($"orgs/{Uri.EscapeDataString(owner)}/teams/{Uri.EscapeDataString(team)}/repos/{Uri.EscapeDataString(owner)}/{Uri.EscapeDataString(name)}", UriKind.Relative),
                        new { permission });
                    return true;
                }, log, cancellationToken);
                log($"gave the team {owner}/{team} {permission} access");
            }
        }
        var users = request.Collaborators.Where(c => c.User is not null).Select(c => (User: c.User!, c.Access)).ToList();
        if (request.Access is { } userAccess && !userAccess.Contains('/') && userAccess != owner) users.Insert(0, (userAccess, "admin"));
        foreach (var (user, permission) in users)
        {
            await github.CallAsync($"give {user} {permission} access", c => c.Repository.Collaborator.Add(owner, name, user, new CollaboratorRequest(permission)), log, cancellationToken);
            log($"gave {user} {permission} access");
        }
        if (request.Topics.Count > 0)
            await github.CallAsync("set the repository's topics", c => c.Repository.ReplaceAllTopics(owner, name, new RepositoryTopics(request.Topics)), log, cancellationToken);
        await ApplySettingsAsync(github, request, log, cancellationToken);
        return (repo, existed);
    }

    /// <summary>What Octokit's create model cannot carry: squash-merge commit defaults, Actions variables, then secrets, OIDC and custom properties, a subscription.</summary>
    private static async Task ApplySettingsAsync(GitHubConnection github, GitHubRepoRequest request, Action<string> log, CancellationToken cancellationToken)
    {
        var (owner, name) = (request.Repo.Owner, request.Repo.Repo);
        var repoPath = $"repos/{Uri.EscapeDataString(owner)}/{Uri.EscapeDataString(name)}";
        if (request.SquashMergeCommitTitle is not null || request.SquashMergeCommitMessage is not null)
        {
            var update = new System.Text.Json.Nodes.JsonObject();
            if (request.SquashMergeCommitTitle is { } title) update["squash_merge_commit_title"] = title;
            if (request.SquashMergeCommitMessage is { } message) update["squash_merge_commit_message"] = message;
            await github.CallAsync("set the squash-merge commit defaults", async c =>
            {
                await new ApiConnection(c.Connection).Patch(new Uri(repoPath, UriKind.Relative), (object)update.ToJsonString());
                return true;
            }, log, cancellationToken);
        }
        foreach (var (variable, value) in request.Variables)
        {
            var body = new System.Text.Json.Nodes.JsonObject { ["name"] = variable, ["value"] = value }.ToJsonString();
            await github.CallAsync($"set the Actions variable {variable}", async c =>
            {
                var api = new ApiConnection(c.Connection);
                try
                {
                    await api.Post<object>(new Uri(repoPath + "/actions/variables", UriKind.Relative), body, cancellationToken);
                }
                catch (ApiException e) when (e.StatusCode == System.Net.HttpStatusCode.Conflict)
                {
                    // Set by an earlier run that could not push: update it instead.
                    await api.Patch(new Uri($"{repoPath}/actions/variables/{Uri.EscapeDataString(variable)}", UriKind.Relative), (object)body);
                }
                return true;
            }, log, cancellationToken);
            log($"set the Actions variable {variable}");
        }
        await GitHubActionsSettings.ApplyAsync(github, request, log, cancellationToken);
        if (request.Subscribe)
            await github.CallAsync("subscribe to the repository", c => c.Activity.Watching.WatchRepo(owner, name, new NewSubscription { Subscribed = true, Ignored = false }), log, cancellationToken);
    }
}
