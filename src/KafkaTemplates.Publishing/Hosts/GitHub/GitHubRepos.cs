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
            if (!await Git.RepoPusher.IsEmptyAsync(new Uri(repo.CloneUrl), github.GitCredentials, github.Retry, log, cancellationToken))
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
        return (repo, existed);
    }
}
